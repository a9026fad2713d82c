using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Exports;

namespace NetworkSaaS.Tests.Exports;

/// <summary>Export requests made and run in tests the way the page and the worker do (the job runs in the tenant's scope).</summary>
internal static class ExportRuns
{
    public static Task<Guid> QueueAsync(
        TestApp app, ITenantInfo tenant, Guid ownerId, ExportKind kind, ExportFormat format, Action<ExportRequest>? configure = null, string culture = "en") =>
        app.InTenantAsync(tenant, async sp =>
        {
            var request = new ExportRequest
            {
                OwnerId = ownerId,
                Kind = kind,
                Format = format,
                Culture = culture,
                Status = ExportStatus.Queued,
                CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
            };
            configure?.Invoke(request);
            var db = sp.GetRequiredService<AppDbContext>();
            db.ExportRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    public static Task<bool> RunJobAsync(TestApp app, ITenantInfo tenant, Guid exportId) =>
        app.InTenantAsync(tenant, async sp =>
        {
            await sp.GetRequiredService<ExportJob>().RunAsync(tenant.Id, exportId, CancellationToken.None);
            return true;
        });

    /// <summary>Queues an export, runs its job, and checks it completed.</summary>
    public static async Task<Guid> CompletedAsync(
        TestApp app, ITenantInfo tenant, Guid ownerId, ExportKind kind, ExportFormat format, Action<ExportRequest>? configure = null, string culture = "en")
    {
        var id = await QueueAsync(app, tenant, ownerId, kind, format, configure, culture);
        await RunJobAsync(app, tenant, id);
        var export = await LoadAsync(app, tenant, id);
        Assert.True(export.Status == ExportStatus.Completed, $"export {kind} ended {export.Status} ({export.Failure})");
        return id;
    }

    public static Task<ExportRequest> LoadAsync(TestApp app, ITenantInfo tenant, Guid exportId) =>
        app.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.AsNoTracking().SingleAsync(e => e.Id == exportId));

    /// <summary>The stored file, read as the download reads it; null when there is none.</summary>
    public static Task<byte[]?> FileAsync(TestApp app, ITenantInfo tenant, Guid exportId) =>
        app.InTenantAsync(tenant, async sp =>
        {
            await using var content = await sp.GetRequiredService<ExportStore>().OpenAsync(exportId, CancellationToken.None);
            if (content is null)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await content.Stream.CopyToAsync(buffer);
            return buffer.ToArray();
        });

    /// <summary>How many exports have a stored file (each file is one or more parts).</summary>
    public static Task<int> FileCountAsync(TestApp app, ITenantInfo tenant) =>
        app.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportFiles.Select(f => f.ExportId).Distinct().CountAsync());
}

using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using Npgsql;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>Starting and cancelling exports for the signed-in user (the page's side of <see cref="ExportJob"/>).</summary>
public sealed class ExportRequests(AppDbContext db, IBackgroundJobClient jobs, ITenantContextAccessor tenantContext, TimeProvider clock)
{
    /// <summary>
    /// Stores the request as queued, in the language the user reads now, and enqueues its job.
    /// Returns false when the user already has an export of this kind and format queued or running.
    /// </summary>
    public async Task<bool> StartAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenantContext.Tenant!;
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        request.Culture = SupportedCultures.IsSupported(culture) ? culture : tenant.DefaultCulture;
        request.Status = ExportStatus.Queued;
        request.CreatedAt = clock.GetUtcNow();
        db.ExportRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }

        var (tenantId, exportId) = (tenant.Id, request.Id);
        try
        {
            jobs.Enqueue<ExportJob>(j => j.RunAsync(tenantId, exportId, CancellationToken.None));
        }
        catch
        {
            // Without its job the request would wait forever: take it back.
            await db.ExportRequests.Where(e => e.Id == exportId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        return true;
    }

    /// <summary>
    /// Cancels the user's own export while it is queued or running (a running job stops at its next progress update).
    /// Null when the user has no such export (shown as 404); false when it had already ended.
    /// </summary>
    public async Task<bool?> CancelAsync(Guid ownerId, Guid exportId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cancelled = await db.ExportRequests
            .Where(e => e.Id == exportId && e.OwnerId == ownerId && (e.Status == ExportStatus.Queued || e.Status == ExportStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Cancelled).SetProperty(e => e.CompletedAt, now), cancellationToken);
        if (cancelled > 0)
        {
            return true;
        }

        return await db.ExportRequests.AnyAsync(e => e.Id == exportId && e.OwnerId == ownerId, cancellationToken) ? false : null;
    }
}

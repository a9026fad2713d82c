using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Audit;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Audit;

/// <summary>The daily retention job on a real Hangfire worker, in every tenant, as the app role.</summary>
public sealed class AuditRetentionTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    private Task SeedAsync(ITenantInfo tenant, Guid userId) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            foreach (var days in new[] { 500, 401, 399, 100 })
            {
                db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-days), Action = AuditActions.SignedIn, Subject = $"{days} days" });
            }

            db.UserSessions.Add(new UserSession { UserId = userId, CreatedAt = now.AddDays(-45), LastSeenAt = now.AddDays(-45), ExpiresAt = now.AddDays(-44) });
            db.UserSessions.Add(new UserSession { UserId = userId, CreatedAt = now.AddDays(-2), LastSeenAt = now.AddDays(-2), ExpiresAt = now.AddDays(28), IsPersistent = true });
            return await db.SaveChangesAsync();
        });

    private Task<List<string>> SubjectsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Subject.EndsWith(" days")).OrderBy(a => a.At).Select(a => a.Subject).ToListAsync());

    [Fact]
    public async Task The_daily_job_deletes_only_entries_past_the_retention_in_every_tenant()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo");
        await SeedAsync(alpha, adminA.Id);
        await SeedAsync(bravo, adminB.Id);
        Assert.Contains(App.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs(), j => j.Id == AuditRetentionSweep.RecurringJobId);

        App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<AuditRetentionSweep>(j => j.EnqueueForAllTenantsAsync());
        await WaitUntilAsync(async () => (await SubjectsAsync(alpha)).Count == 2 && (await SubjectsAsync(bravo)).Count == 2);

        Assert.Equal(["399 days", "100 days"], await SubjectsAsync(alpha));
        Assert.Equal(["399 days", "100 days"], await SubjectsAsync(bravo));
        var sessions = await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().UserSessions.Select(s => s.IsPersistent).ToListAsync());
        Assert.Equal([true], sessions);
    }
}

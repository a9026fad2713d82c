using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Sessions;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Audit;

/// <summary>Section "Audit": how long audit entries are kept (days; the database refuses to delete younger than 365).</summary>
public sealed class AuditRetentionOptions
{
    public int RetentionDays { get; set; } = 400;

    /// <summary>Ended (signed-out, revoked or expired) sessions are kept this long for the user's and admin's questions.</summary>
    public int EndedSessionDays { get; set; } = 30;
}

/// <summary>Daily: a retention job for every tenant.</summary>
public sealed class AuditRetentionSweep(TenantFanOut fanOut)
{
    public const string RecurringJobId = "audit-retention";
    public static readonly string Schedule = Cron.Daily(3);

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<AuditRetentionJob>(j => j.RunAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// Deletes one tenant's audit entries older than the retention period, and its sessions that ended long ago. The app
/// role cannot delete audit entries: the deletion runs in delete_expired_audit_entries, a function owned by the
/// owner role (SECURITY DEFINER) that deletes only the current tenant's entries and none younger than 365 days.
/// </summary>
public sealed class AuditRetentionJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    UserSessions sessions,
    AuditRetentionOptions options,
    TimeProvider clock) : ITenantJob
{
    /// <returns>How many audit entries were deleted.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.RetentionDays);
        var deleted = await db.Database.SqlQuery<int>($"SELECT delete_expired_audit_entries({cutoff}) AS \"Value\"")
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        await sessions.DeleteEndedAsync(TimeSpan.FromDays(options.EndedSessionDays), cancellationToken).ConfigureAwait(false);
        return deleted;
    }
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// Hourly: cleanup jobs per tenant (a slow or failing tenant never holds up the others), this worker's leftover
/// export temp files, and the rate limit windows that have ended (not tenant data).
/// </summary>
public sealed class ExpiredInvitationSweep(TenantFanOut fanOut, RateLimiting.SharedRateLimitCounters rateLimitCounters, TimeProvider clock)
{
    public const string RecurringJobId = "invitations-expire";

    public async Task<int> EnqueueForAllTenantsAsync()
    {
        var tenants = await fanOut.EnqueueForEachTenantAsync((jobs, tenantId) =>
        {
            jobs.Enqueue<ExpiredInvitationCleanupJob>(j => j.RunAsync(tenantId, CancellationToken.None));
            jobs.Enqueue<Contacts.Import.AbandonedImportCleanupJob>(j => j.RunAsync(tenantId, CancellationToken.None));
            jobs.Enqueue<Notifications.DigestDeliveryCleanupJob>(j => j.RunAsync(tenantId, CancellationToken.None));
            jobs.Enqueue<Exports.ExportCleanupJob>(j => j.RunAsync(tenantId, CancellationToken.None));
        }).ConfigureAwait(false);
        Exports.ExportTempFiles.DeleteStale(clock.GetUtcNow());
        await rateLimitCounters.DeleteExpiredAsync(CancellationToken.None).ConfigureAwait(false);
        return tenants;
    }
}

/// <summary>Deletes a tenant's invitations that expired unused, noting each in the audit log. Running it twice changes nothing.</summary>
public sealed class ExpiredInvitationCleanupJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock) : ITenantJob
{
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var expired = await db.Invitations
            .Where(i => i.ExpiresAt <= now && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var invitation in expired)
        {
            db.Invitations.Remove(invitation);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Action = AuditActions.InvitationExpired,
                Subject = invitation.Email,
                Details = invitation.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>Daily: a deletion job for every tenant (each checks its own policy).</summary>
public sealed class LeaverContactDeletionSweep(TenantFanOut fanOut)
{
    public const string RecurringJobId = "leaver-private-contacts";
    public static readonly string Schedule = Cron.Daily(2);

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<LeaverContactDeletionJob>(j => j.RunAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// Under <see cref="LeaverPrivateContactPolicy.DeleteAfterDays"/>: deletes the Private contacts still held by
/// colleagues deactivated at least N days ago (those they did not decide about). Idempotent: a second run finds
/// nothing left; a reactivated colleague's handover has no start, so their contacts are never touched.
/// </summary>
public sealed class LeaverContactDeletionJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    Contacts.Triage.ContactRemoval removal,
    AuditLog audit,
    TimeProvider clock) : ITenantJob
{
    /// <returns>How many contacts were deleted.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is not { } tenantInfo)
        {
            return 0;
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantInfo.Id, cancellationToken);
        if (tenant.LeaverPrivateContacts != LeaverPrivateContactPolicy.DeleteAfterDays)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(tenant.LeaverPrivateContactDays);
        var leavers = await (from h in db.LeaverHandovers
                             join u in db.Users on h.LeaverId equals u.Id
                             where h.StartedAt != null && h.StartedAt <= cutoff && !u.IsActive
                             select new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var leaver in leavers)
        {
            var ids = await db.Contacts.Where(c => c.OwnerId == leaver.Id && c.Visibility == ContactVisibility.Private)
                .Select(c => c.Id).ToArrayAsync(cancellationToken);
            if (ids.Length == 0)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var count = await removal.RemoveAsync(leaver.Id, ids, cancellationToken);
            audit.Record(AuditActions.LeaverContactsDeleted, leaver.Email ?? leaver.Id.ToString(),
                $"{count} private contacts, {tenant.LeaverPrivateContactDays} days after the deactivation");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            deleted += count;
        }

        return deleted;
    }
}

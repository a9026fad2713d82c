using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Hourly, per tenant: forgets digest delivery records older than <see cref="KeepFor"/>, and notification email outbox
/// rows done (sent, skipped or given up) more than <see cref="KeepFor"/> ago. A delivery record only guards its own local
/// day (and its email for 24 hours), a done outbox row only keeps a rerun of its mail job from sending twice; older ones
/// protect nothing, and without this both tables grow forever. The notifications themselves stay (the users' history).
/// </summary>
public sealed class DigestDeliveryCleanupJob(AppDbContext db, ITenantContextAccessor tenantContext, TimeProvider clock) : ITenantJob
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is not { } tenant || tenant.Id != tenantId)
        {
            return 0;
        }

        var before = TenantClock.Today(tenant, clock).AddDays(-KeepFor.Days);
        var deliveries = await db.DigestDeliveries.Where(d => d.DigestOn < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var doneBefore = clock.GetUtcNow() - KeepFor;
        var emails = await db.NotificationEmails.Where(e => e.DoneAt != null && e.DoneAt < doneBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deliveries + emails;
    }
}

using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Hourly, per tenant: forgets digest delivery records older than <see cref="KeepFor"/>. A record only guards its own
/// local day (and its email for 24 hours), so older ones protect nothing; without this the table grows by one row per
/// user and digest day forever.
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
        return await db.DigestDeliveries.Where(d => d.DigestOn < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}

using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// Hourly per tenant (from <see cref="ExpiredInvitationSweep"/>): exported files hold third parties' personal data,
/// so a file is deleted when its download period ends; the history forgets exports after 90 days.
/// </summary>
public sealed class ExportCleanupJob(ExportStore store, ITenantContextAccessor tenantContext) : ITenantJob
{
    /// <returns>The number of files deleted.</returns>
    public Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        tenantContext.Tenant is null ? Task.FromResult(0) : store.DeleteExpiredAsync(cancellationToken);
}

using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

public static class DigestRuns
{
    /// <summary>What the worker does for one tenant: the digest job, then the email job it enqueues.</summary>
    /// <returns>The number of digests the digest job created.</returns>
    public static async Task<int> RunDigestJobsAsync(this TestApp app, ITenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(tenant);
        var created = await app.InTenantAsync(tenant, sp => ActivatorUtilities.CreateInstance<StayInTouchDigestJob>(sp).RunAsync(tenant.Id, CancellationToken.None));
        await app.InTenantAsync(tenant, sp => ActivatorUtilities.CreateInstance<DigestEmailJob>(sp).RunAsync(tenant.Id, CancellationToken.None));
        return created;
    }
}

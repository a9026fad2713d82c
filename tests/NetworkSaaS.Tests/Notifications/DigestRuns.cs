using Hangfire;
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

    /// <summary>
    /// The id of the <see cref="DigestEmailJob"/> the digest job of <paramref name="tenantId"/> enqueued, in whatever state
    /// it is by now (waits until it exists).
    /// </summary>
    public static async Task<string> EmailJobOfAsync(this JobStorage storage, Guid tenantId, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var monitoring = storage.GetMonitoringApi();
            var jobs = monitoring.EnqueuedJobs("default", 0, 500).Select(j => (j.Key, j.Value.Job))
                .Concat(monitoring.FetchedJobs("default", 0, 500).Select(j => (j.Key, j.Value.Job)))
                .Concat(monitoring.ProcessingJobs(0, 500).Select(j => (j.Key, j.Value.Job)))
                .Concat(monitoring.ScheduledJobs(0, 500).Select(j => (j.Key, j.Value.Job)))
                .Concat(monitoring.FailedJobs(0, 500).Select(j => (j.Key, j.Value.Job)))
                .Concat(monitoring.SucceededJobs(0, 500).Select(j => (j.Key, j.Value.Job)));
            var found = jobs.Where(j => j.Job?.Type == typeof(DigestEmailJob) && (Guid)j.Job.Args[0] == tenantId).Select(j => j.Key).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No digest email job was enqueued for tenant {tenantId} within {patience.TotalMinutes:0} minutes.");
            await Task.Delay(100);
        }
    }
}

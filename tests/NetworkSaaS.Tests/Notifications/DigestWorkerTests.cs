using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>The digest through a real Hangfire worker: the recurring dispatcher fans out per tenant; a deleted tenant's job ends cleanly.</summary>
public sealed class DigestWorkerTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task The_recurring_dispatcher_runs_one_job_per_tenant_and_a_deleted_tenants_job_ends_cleanly()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo", culture: "ja");
        var (doomed, _) = await App.CreateTenantAsync("doomed");
        foreach (var (tenant, owner) in new[] { (alpha, adminA), (bravo, adminB) })
        {
            var contact = await App.CreateContactAsync(tenant, owner.Id, "Due", "Person");
            await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == contact.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, new DateOnly(2026, 1, 9))));
        }

        var storage = App.Services.GetRequiredService<JobStorage>();
        var recurring = storage.GetConnection().GetRecurringJobs();
        var digest = Assert.Single(recurring, j => j.Id == StayInTouchDigestDispatcher.RecurringJobId);
        Assert.Equal(StayInTouchDigestDispatcher.Schedule, digest.Cron);

        await DeleteTenantAsSuperuserAsync(doomed.Id);

        var jobs = App.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<StayInTouchDigestDispatcher>(j => j.EnqueueForAllTenantsAsync());
        var doomedJob = jobs.Enqueue<StayInTouchDigestJob>(j => j.RunAsync(doomed.Id, CancellationToken.None));
        await WaitUntilAsync(async () => await CountAsync(alpha) == 1 && await CountAsync(bravo) == 1 && App.Mails().Count == 2);
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().JobDetails(doomedJob).History[0].StateName == "Succeeded"));
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 4));
        Assert.Equal(0, storage.GetMonitoringApi().FailedCount());

        // The dispatcher running again (its retry, or the next quarter hour) changes nothing.
        jobs.Enqueue<StayInTouchDigestDispatcher>(j => j.EnqueueForAllTenantsAsync());
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 7));
        Assert.Equal(1, await CountAsync(alpha));
        Assert.Equal(1, await CountAsync(bravo));
        Assert.Equal(2, App.Mails().Count);
    }

    private Task<int> CountAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.StayInTouchDigest));
}

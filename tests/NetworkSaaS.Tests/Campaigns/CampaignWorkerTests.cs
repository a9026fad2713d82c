using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Campaigns;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>The campaign notifications through a real Hangfire worker: the recurring dispatcher fans out to the tenants that are due.</summary>
public sealed class CampaignWorkerTests(PostgresCluster cluster)
    : CampaignTest(cluster, new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero)) // 09:00 on 15 November in Tokyo
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    [Fact]
    public async Task The_hourly_dispatcher_runs_the_job_of_each_due_tenant_through_hangfire_once()
    {
        var (sakura, sakuraAdmin) = await App.CreateTenantAsync("sakura", culture: "ja");
        var (momiji, momijiAdmin) = await App.CreateTenantAsync("momiji", culture: "ja");
        var (acme, acmeAdmin) = await App.CreateTenantAsync("acme", culture: "en"); // campaigns off
        await AddContactAsync(sakura, sakuraAdmin, "山田", "太郎", depth: 3);
        await AddContactAsync(momiji, momijiAdmin, "佐藤", "花子", depth: 5);
        await AddContactAsync(acme, acmeAdmin, "Smith", "Jane", depth: 5);

        var storage = App.Services.GetRequiredService<JobStorage>();
        var recurring = Assert.Single(storage.GetConnection().GetRecurringJobs(), j => j.Id == SeasonalCampaignDispatcher.RecurringJobId);
        Assert.Equal(SeasonalCampaignDispatcher.Schedule, recurring.Cron);

        var jobs = App.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<SeasonalCampaignDispatcher>(j => j.EnqueueDueTenantsAsync());
        await WaitUntilAsync(async () => await CountAsync(sakura) == 1 && await CountAsync(momiji) == 1);
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 3));

        jobs.Enqueue<SeasonalCampaignDispatcher>(j => j.EnqueueDueTenantsAsync()); // the next hour's run
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 6));
        Assert.Equal(0, storage.GetMonitoringApi().FailedCount());
        Assert.Equal(1, await CountAsync(sakura));
        Assert.Equal(1, await CountAsync(momiji));
        Assert.Equal(0, await CountAsync(acme));
    }

    private Task<int> CountAsync(Core.Features.Tenancy.ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.NewYearGreetings));
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>The digests of a batch of tenants in one job: each tenant's own, exactly once, also when the batch runs again.</summary>
public sealed class StayInTouchDigestBatchTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task A_batch_retried_after_failing_half_way_makes_each_tenants_digest_once_and_skips_a_deleted_tenant()
    {
        var (alpha, alphaAdmin) = await App.CreateTenantAsync("alpha");
        var (bravo, bravoAdmin) = await App.CreateTenantAsync("bravo", culture: "ja");
        await AddDueContactAsync(alpha, alphaAdmin);
        await AddDueContactAsync(bravo, bravoAdmin);
        var gone = Guid.CreateVersion7(); // a tenant deleted since the dispatcher listed it

        // The first run committed alpha's digest and died before bravo's; Hangfire then runs the whole batch again.
        Assert.Equal(1, await RunBatchAsync(alpha.Id));
        Assert.Equal(1, await RunBatchAsync(alpha.Id, gone, bravo.Id));
        Assert.Equal(0, await RunBatchAsync(alpha.Id, gone, bravo.Id));

        Assert.Equal((1, 1), (await DigestsAsync(alpha), await DigestsAsync(bravo)));
        Assert.Equal((1, 1), (await DeliveriesAsync(alpha), await DeliveriesAsync(bravo)));
    }

    [Fact]
    public async Task The_dispatcher_puts_every_tenant_in_exactly_one_batch_of_at_most_the_batch_size()
    {
        var created = new List<Guid>();
        for (var i = 0; i < StayInTouchDigestDispatcher.TenantsPerJob + 1; i++)
        {
            created.Add((await App.CreateTenantAsync($"batch{i}")).Tenant.Id);
        }

        var batches = new List<Guid[]>();
        await using var scope = App.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<Web.Features.Jobs.TenantFanOut>()
            .EnqueueForTenantBatchesAsync(StayInTouchDigestDispatcher.TenantsPerJob, (_, ids) => batches.Add(ids));

        Assert.Equal(count, batches.Sum(b => b.Length));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, StayInTouchDigestDispatcher.TenantsPerJob));
        Assert.Equal(batches.SelectMany(b => b).Count(), batches.SelectMany(b => b).Distinct().Count());
        Assert.Subset(batches.SelectMany(b => b).ToHashSet(), created.ToHashSet());
    }

    private async Task<int> RunBatchAsync(params Guid[] tenantIds)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StayInTouchDigestBatchJob>().RunAsync(tenantIds, CancellationToken.None);
    }

    private async Task AddDueContactAsync(ITenantInfo tenant, AppUser owner)
    {
        var contact = await App.CreateContactAsync(tenant, owner.Id, "Due", "Person");
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == contact.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, new DateOnly(2026, 1, 9))));
    }

    private Task<int> DigestsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.StayInTouchDigest));

    private Task<int> DeliveriesAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.CountAsync());
}

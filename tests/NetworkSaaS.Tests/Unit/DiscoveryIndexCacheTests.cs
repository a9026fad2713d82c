using Microsoft.Extensions.Options;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Tests.Unit;

/// <summary>The per-process discovery indexes: one load per tenant however many requests arrive at once, dropped when idle.</summary>
public sealed class DiscoveryIndexCacheTests
{
    private static DiscoveryIndex EmptyIndex(Guid tenantId) =>
        new(tenantId, new IndexLoad([], new Dictionary<Guid, long>(), 0, 1, [], [], []));

    [Fact]
    public async Task Requests_that_arrive_together_share_one_first_load_and_tenants_never_share_an_index()
    {
        using var cache = new DiscoveryIndexCache(Options.Create(new DiscoveryIndexOptions()));
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        var loads = 0;
        var release = new TaskCompletionSource();
        async Task<DiscoveryIndex> SlowLoad(Guid id)
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return EmptyIndex(id);
        }

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.GetOrLoadAsync(tenant, _ => SlowLoad(tenant), CancellationToken.None)).ToList();
        await Task.Delay(100);
        Assert.Equal(1, loads);
        release.SetResult();
        var indexes = await Task.WhenAll(waiting);
        Assert.All(indexes, i => Assert.Same(indexes[0], i));

        var otherIndex = await cache.GetOrLoadAsync(other, _ => SlowLoad(other), CancellationToken.None);
        Assert.Equal(2, loads);
        Assert.Equal(other, otherIndex.TenantId);
        Assert.NotSame(indexes[0], otherIndex);
    }

    [Fact]
    public async Task An_index_unused_for_the_idle_time_is_dropped_and_loaded_again_on_the_next_search()
    {
        using var cache = new DiscoveryIndexCache(Options.Create(new DiscoveryIndexOptions { Idle = TimeSpan.FromMilliseconds(300) }));
        var tenant = Guid.NewGuid();
        var loads = 0;
        Task<DiscoveryIndex> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult(EmptyIndex(tenant));
        }

        var first = await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None);
        Assert.Same(first, await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None));
        Assert.Equal(1, loads);

        await Task.Delay(TimeSpan.FromMilliseconds(900));
        var second = await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None);
        Assert.Equal(2, loads);
        Assert.NotSame(first, second);
    }
}

using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace NetworkSaaS.Web.Features.Discover;

/// <summary>Settings of the in-memory discovery index (section "Discover:Index").</summary>
public sealed class DiscoveryIndexOptions
{
    /// <summary>
    /// A tenant's index is dropped after this long without a discovery request; the next one loads it again. Each process
    /// holds one index per tenant it serves, about 430 bytes of managed heap per findable contact (Shared or Discoverable,
    /// use not stopped), as estimated by the index itself: the benchmark's company (1,000,000 contacts, 399,952 findable)
    /// takes about 173 MB with its organizations and colleagues, and its first load took 33 s on a loaded 2-core machine
    /// (load average about 25). Plan memory from the findable contacts of the tenants a process serves.
    /// </summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The discovery indexes of this process, one per tenant id, never shared across tenants. The first load of a tenant is
/// single-flight: one request loads while the others of that tenant wait for it.
/// </summary>
public sealed class DiscoveryIndexCache : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions());
    private readonly TimeSpan idle;

    public DiscoveryIndexCache(IOptions<DiscoveryIndexOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        idle = options.Value.Idle;
    }

    public async Task<DiscoveryIndex> GetOrLoadAsync(Guid tenantId, Func<CancellationToken, Task<DiscoveryIndex>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var slot = cache.GetOrCreate(tenantId, entry =>
        {
            entry.SlidingExpiration = idle;
            entry.RegisterPostEvictionCallback(static (_, value, _, _) => (value as Slot)?.Index?.Dispose());
            return new Slot();
        })!;
        if (slot.Index is { } ready)
        {
            return ready;
        }

        await slot.Loading.WaitAsync(cancellationToken);
        try
        {
            return slot.Index ??= await load(cancellationToken);
        }
        finally
        {
            slot.Loading.Release();
        }
    }

    public void Dispose() => cache.Dispose();

    private sealed class Slot
    {
        public SemaphoreSlim Loading { get; } = new(1, 1);
        public DiscoveryIndex? Index { get; set; }
    }
}

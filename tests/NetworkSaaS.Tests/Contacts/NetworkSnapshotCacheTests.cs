using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Tests.Contacts;

/// <summary>The promises of Contacts:MyNetwork: copies hold at most CachedContacts contacts in all, and go after Idle unused.</summary>
public sealed class NetworkSnapshotCacheTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private static NetworkSnapshot Copy(int contacts) => new(1, [.. Enumerable.Range(0, contacts).Select(i =>
        new NetworkEntry(new NetworkRow(Guid.NewGuid(), $"Person {i}", null, null, null, 3, MeetingChannel.ExchangeEvent, ContactVisibility.Private, null, null, []),
            $"person {i}", DateTimeOffset.UnixEpoch))]);

    private static NetworkSnapshotCache Cache(long cachedContacts, TimeSpan idle) =>
        new(Options.Create(new MyNetworkOptions { CachedContacts = cachedContacts, Idle = idle }));

    [Fact]
    public void Copies_hold_at_most_the_configured_number_of_contacts_and_the_least_recently_used_owner_goes_first()
    {
        using var cache = Cache(cachedContacts: 20, TimeSpan.FromMinutes(10));
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cache.Keep(Tenant, first, Copy(9));
        cache.Keep(Tenant, second, Copy(9)); // each copy counts its contacts plus one: the cache is full
        Assert.NotNull(cache.Find(Tenant, first)); // the second owner is now the least recently used

        // A copy that does not fit makes room at once: the least recently used owner goes, the new copy is kept.
        cache.Keep(Tenant, third, Copy(9));
        Assert.NotNull(cache.Find(Tenant, third));
        Assert.NotNull(cache.Find(Tenant, first));
        Assert.Null(cache.Find(Tenant, second));

        cache.Keep(Tenant, second, Copy(25)); // larger than the whole limit: never kept
        Assert.Null(cache.Find(Tenant, second));
    }

    [Fact]
    public async Task Copies_dropped_or_refused_for_room_are_counted_as_evictions()
    {
        long evictions = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MyNetworkMetrics.MeterName && instrument.Name == MyNetworkMetrics.EvictionsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref evictions, value));
        listener.Start();

        using var cache = Cache(cachedContacts: 20, TimeSpan.FromMinutes(10));
        cache.Keep(Tenant, Guid.NewGuid(), Copy(25)); // larger than the whole limit: refused
        await Eventually.WaitUntilAsync(() => Task.FromResult(Interlocked.Read(ref evictions) >= 1));
    }

    [Fact]
    public async Task A_copy_goes_after_the_idle_time_without_a_request_and_each_request_keeps_it_longer()
    {
        // Every look at the cache is a use that restarts the idle time, so this test waits rather than polls.
        var idle = TimeSpan.FromSeconds(3);
        using var cache = Cache(cachedContacts: 100, idle);
        var owner = Guid.NewGuid();
        cache.Keep(Tenant, owner, Copy(3));
        await Task.Delay(idle / 2);
        Assert.NotNull(cache.Find(Tenant, owner));
        await Task.Delay(idle / 2);
        Assert.NotNull(cache.Find(Tenant, owner)); // kept past its first idle time: the request in between counted

        await Task.Delay(idle + TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find(Tenant, owner));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

internal sealed record MyNetworkCopyResult(double AfterWriteP50Ms, double AfterWriteMaxMs, double CachedP50Ms, double BytesPerContact, long Contacts);

/// <summary>
/// What the load above does not show: "My network" keeps each owner's contacts in memory, so the first request after a
/// write to them loads them again. Each signed-in employee's contacts are written to (one no-op UPDATE, which raises
/// their version like any write), then their list is requested twice, one request at a time: the first reloads, the
/// second is served from memory. Also the memory the copies take, measured around loading the same owners' copies.
/// </summary>
internal static class MyNetworkCopyBenchmark
{
    public static async Task<MyNetworkCopyResult> RunAsync(
        IReadOnlyList<HttpClient> clients, IReadOnlyList<Guid> owners, string slug, string superUserConnectionString, IServiceProvider services,
        ITenantInfo tenant, CancellationToken cancellationToken)
    {
        var sink = new byte[16 * 1024];
        var afterWrite = new List<double>();
        var cached = new List<double>();
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(cancellationToken);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < clients.Count; i++)
            {
                await using (var write = new NpgsqlCommand("UPDATE contacts SET depth = depth WHERE id = (SELECT id FROM contacts WHERE owner_id = $1 LIMIT 1)", connection))
                {
                    write.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = owners[i] });
                    await write.ExecuteNonQueryAsync(cancellationToken);
                }

                afterWrite.Add(await ListAsync(clients[i], slug, sink, cancellationToken));
                cached.Add(await ListAsync(clients[i], slug, sink, cancellationToken));
            }
        }

        var (bytes, contacts) = await MemoryOfCopiesAsync(owners, services, tenant, cancellationToken);
        afterWrite.Sort();
        cached.Sort();
        return new MyNetworkCopyResult(afterWrite[afterWrite.Count / 2], afterWrite[^1], cached[cached.Count / 2], (double)bytes / contacts, contacts);
    }

    private static async Task<double> ListAsync(HttpClient client, string slug, byte[] sink, CancellationToken cancellationToken)
    {
        var (status, milliseconds) = await LoadRunner.TimedGetAsync(client, $"/{slug}/contacts", sink, cancellationToken);
        return status == System.Net.HttpStatusCode.OK ? milliseconds : throw new InvalidOperationException($"GET /{slug}/contacts answered {(int)status}.");
    }

    /// <summary>The managed heap retained by copies of the owners' networks: a cache of its own, full collections around it.</summary>
    private static async Task<(long Bytes, long Contacts)> MemoryOfCopiesAsync(
        IReadOnlyList<Guid> owners, IServiceProvider services, ITenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var cache = new NetworkSnapshotCache(Options.Create(new MyNetworkOptions { CachedContacts = long.MaxValue }));
        var query = new MyNetworkQuery(db, cache);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await query.RunAsync(owners[0], new NetworkFilter(), today, cancellationToken); // the query's own first-use allocations
        long contacts = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var owner in owners.Skip(1))
        {
            contacts += (await query.RunAsync(owner, new NetworkFilter(), today, cancellationToken)).Total;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cache);
        return (after - before, contacts);
    }
}

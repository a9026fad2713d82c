using System.Diagnostics.Metrics;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Web.Features.Contacts;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The list and search when "My network" cannot keep every signed-in employee's copy in memory, with writes going on:
/// more employees are signed in than <c>Contacts:MyNetwork:CachedContacts</c> holds (their contacts are
/// <see cref="PoolToLimit"/> × the limit), each request is sent as one of them drawn at random, and beside the readers
/// <see cref="NetworkWriters"/> add contacts and log interactions through the pages as the same employees, so copies
/// are evicted and reloaded while the figures are measured. The app's own counters (<see cref="MyNetworkMetrics"/>)
/// say how many copies were loaded and evicted during the measured slices.
/// </summary>
internal sealed class ColdNetworkLoad : IDisposable
{
    /// <summary>The employees' contacts in the cold scenario, as a multiple of the copy limit.</summary>
    public const double PoolToLimit = 2.5;

    /// <summary>The copy limit, as a multiple of the contacts of the warm scenario's employees (so they fit).</summary>
    private const double LimitToWarm = 1.5;

    private readonly MeterListener listener = new();
    private readonly List<HttpClient> ownClients;
    private readonly Dictionary<string, CopyCounts> counts = [];
    private long absentLoads;
    private long changedLoads;
    private long evictions;
    private CopyCounts? measuringFrom;

    private ColdNetworkLoad(
        IReadOnlyList<HttpClient> signedIn, List<HttpClient> ownClients, IReadOnlyList<Guid> owners, long poolContacts, NetworkWriters writers, DateTimeOffset started)
    {
        SignedIn = signedIn;
        this.ownClients = ownClients;
        Owners = owners;
        PoolContacts = poolContacts;
        Writers = writers;
        Started = started;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MyNetworkMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == MyNetworkMetrics.EvictionsName)
            {
                Interlocked.Add(ref evictions, value);
            }
            else if (tags.Length > 0 && Equals(tags[0].Value, "changed"))
            {
                Interlocked.Add(ref changedLoads, value);
            }
            else
            {
                Interlocked.Add(ref absentLoads, value);
            }
        });
        listener.Start();
    }

    public IReadOnlyList<HttpClient> SignedIn { get; }
    public IReadOnlyList<Guid> Owners { get; }
    public long PoolContacts { get; }
    public NetworkWriters Writers { get; }
    private DateTimeOffset Started { get; }

    /// <summary>The copy limit the app runs with: the warm scenario's employees (about clients × contacts per employee) fit.</summary>
    public static long CopyLimit(BenchmarkOptions options) =>
        (long)Math.Round(LimitToWarm * options.Clients * options.Contacts / Math.Max(1, options.Users), MidpointRounding.AwayFromZero);

    /// <summary>
    /// Signs in employees in the order of <paramref name="drawn"/> (the first <paramref name="signedInAlready"/> are
    /// signed in already) until their contacts reach <see cref="PoolToLimit"/> × the limit, and removes what the writers
    /// of an interrupted run added to their networks.
    /// </summary>
    public static async Task<ColdNetworkLoad> PrepareAsync(
        IReadOnlyList<AppUser> drawn, IReadOnlyList<HttpClient> signedInAlready, long copyLimit, string slug, string password, Uri baseAddress,
        string superUserConnectionString, IReadOnlyList<string> companies, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var owned = await ContactCountsAsync(superUserConnectionString, [.. drawn.Select(u => u.Id)], ct);
        var wanted = PoolToLimit * copyLimit;
        var clients = new List<HttpClient>(signedInAlready);
        var owners = new List<Guid>();
        long contacts = 0;
        for (var i = 0; i < drawn.Count && contacts < wanted; i++)
        {
            if (i >= clients.Count)
            {
                var client = LoadRunner.NewClient(baseAddress);
                clients.Add(client);
                await LoadRunner.SignInAsync(client, slug, drawn[i].Email!, password, ct);
            }

            owners.Add(drawn[i].Id);
            contacts += owned[drawn[i].Id];
        }

        if (contacts < wanted)
        {
            throw new InvalidOperationException($"The company's employees own {contacts:N0} contacts, fewer than {PoolToLimit} × the copy limit {copyLimit:N0}.");
        }

        foreach (var owner in owners)
        {
            await ImportBenchmark.GeneratedContactIdsAsync(superUserConnectionString, owner, ct);
        }

        var pool = clients.GetRange(0, owners.Count);
        var load = new ColdNetworkLoad(pool, pool.Skip(signedInAlready.Count).ToList(), owners, contacts, new NetworkWriters(pool, slug, companies), started);
        if (await load.UndoAsync(superUserConnectionString, since: null, ct) is > 0 and var leftovers)
        {
            Console.WriteLine($"Removed {leftovers:N0} contacts that the writers of an interrupted run had added.");
        }

        return load;
    }

    /// <summary>
    /// The same requests as <paramref name="warm"/>, sent as the cold scenario's employees, with the writers beside them;
    /// the copies loaded and evicted during its measured slices are counted under the name.
    /// </summary>
    public Scenario Cold(Scenario warm, string name) => warm with
    {
        Name = name,
        SignedIn = SignedIn,
        Beside = Writers.RunAsync,
        Measuring = on => Measure(name, on),
    };

    /// <summary>The same scenario with the copies loaded and evicted during its measured slices counted (a warm page should load none).</summary>
    public Scenario Counted(Scenario scenario) => scenario with { Measuring = on => Measure(scenario.Name, on) };

    /// <summary>Forgets what was counted so far (the unmeasured warm-up's loads).</summary>
    public void ResetCounts() => counts.Clear();

    public CopyCounts CountsOf(string name) => counts.TryGetValue(name, out var c) ? c : new CopyCounts(0, 0, 0);

    private void Measure(string name, bool on)
    {
        var now = new CopyCounts(Interlocked.Read(ref absentLoads), Interlocked.Read(ref changedLoads), Interlocked.Read(ref evictions));
        if (on)
        {
            measuringFrom = now;
            return;
        }

        var from = measuringFrom ?? now;
        var delta = new CopyCounts(now.AbsentLoads - from.AbsentLoads, now.ChangedLoads - from.ChangedLoads, now.Evictions - from.Evictions);
        counts[name] = CountsOf(name) + delta;
        measuringFrom = null;
    }

    /// <summary>Deletes what the writers added (the employees' contacts that were not generated, organizations no contact uses).</summary>
    public async Task<int> UndoAsync(string superUserConnectionString, DateTimeOffset? since, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    DELETE FROM contacts c WHERE c.owner_id = ANY($1)
                      AND NOT EXISTS (SELECT FROM benchmark.generated_contacts g WHERE g.owner_id = c.owner_id AND g.id = c.id)
                    """) { Parameters = { new() { Value = Owners.ToArray() } } },
                new NpgsqlBatchCommand("""
                    DELETE FROM organizations o WHERE o.created_at >= $1
                      AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = o.tenant_id AND c.organization_id = o.id)
                    """) { Parameters = { new NpgsqlParameter<DateTimeOffset?> { TypedValue = since } } },
            },
            Timeout = 0,
        };
        await batch.ExecuteNonQueryAsync(ct);
        var deleted = batch.BatchCommands[0].RecordsAffected;
        if (deleted > 0)
        {
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE contacts", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        return deleted;
    }

    public Task<int> UndoAsync(string superUserConnectionString, CancellationToken ct) => UndoAsync(superUserConnectionString, Started, ct);

    public static async Task<Dictionary<Guid, long>> ContactCountsAsync(string connectionString, Guid[] owners, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT o.id, count(c.id) FROM unnest($1::uuid[]) o(id) LEFT JOIN contacts c ON c.owner_id = o.id GROUP BY o.id", connection)
        {
            Parameters = { new() { Value = owners } },
        };
        var counts = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public void Dispose()
    {
        listener.Dispose();
        foreach (var client in ownClients)
        {
            client.Dispose();
        }
    }
}

/// <summary>Copies of owners' networks loaded (not in memory / changed by a write) and evicted for room.</summary>
internal sealed record CopyCounts(long AbsentLoads, long ChangedLoads, long Evictions)
{
    public static CopyCounts operator +(CopyCounts a, CopyCounts b) =>
        new(a.AbsentLoads + b.AbsentLoads, a.ChangedLoads + b.ChangedLoads, a.Evictions + b.Evictions);
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Hosting;
using NetworkSaaS.Web.Features.Notifications;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The stay-in-touch reminder scan (issue #5) over many companies: the recurring dispatcher is enqueued once and the
/// real Hangfire worker of the app (role worker, its own worker count) runs one digest job per company. Measured: until
/// every due user's digest exists (the scan: due items found and their notifications committed), and until every
/// digest email is written; the process's working set and managed heap are sampled meanwhile. The yardstick in the same
/// run is one bare SQL query counting the due contacts per owner over all companies.
/// </summary>
internal static class ReminderBenchmark
{
    private const string Database = "networksaas_bench_reminders";
    private const string Password = "harbor-lantern-violet-2026";

    public static async Task<int> RunAsync(BenchmarkOptions options, EmbeddedPostgres postgres, string root, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var perTenant = options.Contacts / options.Tenants;
        Console.WriteLine($"NetworkSaaS reminder scan benchmark: {options.Tenants} companies × {options.UsersPerTenant} employees, {perTenant * options.Tenants:N0} contacts, {Environment.ProcessorCount} cores");
        var marker = Path.Combine(root, "reminders.json");
        var stored = File.Exists(marker) ? JsonSerializer.Deserialize<StoredReminderData>(await File.ReadAllTextAsync(marker, ct)) : null;
        var wanted = new StoredReminderData(options.Tenants, options.UsersPerTenant, perTenant, new DateOnly(2026, 11, 27));
        var reuse = stored == wanted;
        var superUser = postgres.SuperUserConnectionString(Database);
        if (!reuse)
        {
            File.Delete(marker);
            await ExecuteAsync(postgres.SuperUserConnectionString("postgres"), $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", ct);
        }

        var connections = await postgres.EnsureDatabaseAsync(Database, ct);
        await DatabaseMigrator.MigrateAsync(connections.Owner, ct);
        NpgsqlConnection.ClearAllPools();

        // Every company's "today" is the generator's day, 09:00 UTC: past 08:00 both in London (09:00) and Tokyo (18:00).
        var clock = new ShiftedClock(wanted.Today.ToDateTime(new TimeOnly(9, 0)));
        await using var app = new BenchmarkApp(connections, Path.Combine(root, "mail"), role: "worker", services: s => s.AddSingleton<TimeProvider>(clock));
        app.Start();
        var services = app.Services;
        services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(StayInTouchDigestDispatcher.RecurringJobId);

        if (!reuse)
        {
            await GenerateAsync(services, superUser, wanted, ct);
            await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(wanted), ct);
        }
        else
        {
            Console.WriteLine($"Reusing the {wanted.Tenants} generated companies in {root}");
        }

        await ExecuteAsync(superUser, $"DELETE FROM digest_deliveries; DELETE FROM notifications WHERE kind = '{NotificationKinds.StayInTouchDigest}';", ct);
        await ExecuteAsync(superUser, "VACUUM ANALYZE digest_deliveries", ct);
        await ExecuteAsync(superUser, "VACUUM ANALYZE notifications", ct);
        var (dueUsers, dueContacts, bareSeconds) = await BareScanAsync(superUser, wanted.Today, ct);
        Console.WriteLine(Report.F($"Due as of {wanted.Today:yyyy-MM-dd}: {dueContacts:N0} contacts of {dueUsers:N0} employees (bare SQL count over all companies: {bareSeconds:0.00} s)"));

        using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<StayInTouchDigestDispatcher>(j => j.EnqueueForAllTenantsAsync());
        var scanSeconds = await WaitForAsync(superUser, "SELECT count(*) FROM digest_deliveries", dueUsers, watch, ct);
        var mailSeconds = await WaitForAsync(superUser, "SELECT count(*) FROM digest_deliveries WHERE email_sent_at IS NOT NULL", dueUsers, watch, ct);
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var failed = monitoring.FailedCount();
        memory.Stop();

        var pass = scanSeconds <= BenchmarkOptions.ReminderScanTargetSeconds;
        Console.WriteLine(Report.F($"  scan (due items found, {dueUsers:N0} digests committed): {scanSeconds:0.00} s ≤ {BenchmarkOptions.ReminderScanTargetSeconds:0} s: {Report.Pass(pass)}   emails written: {mailSeconds:0.00} s   failed jobs: {failed}"));
        Console.WriteLine(Report.F($"  memory: working set {memory.StartWorkingSetMb:0} MB before, peak {memory.PeakWorkingSetMb:0} MB during (+{memory.PeakWorkingSetMb - memory.StartWorkingSetMb:0} MB); managed heap peak {memory.PeakManagedMb:0} MB"));
        Console.WriteLine();
        Console.WriteLine("Markdown for the README:");
        Console.WriteLine();
        Console.WriteLine("| what | figure | yardstick in the same run | target | result |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine(Report.F($"| stay-in-touch scan: {options.Tenants} companies, {perTenant * options.Tenants:N0} contacts, {dueContacts:N0} due → {dueUsers:N0} digests committed | {scanSeconds:0.0} s | bare SQL count of due contacts per owner {bareSeconds:0.00} s | ≤ {BenchmarkOptions.ReminderScanTargetSeconds:0} s | {Report.Pass(pass)} |"));
        Console.WriteLine(Report.F($"| … and their {dueUsers:N0} emails written | {mailSeconds:0.0} s | | | |"));
        Console.WriteLine(Report.F($"| memory of the worker process during the scan | +{memory.PeakWorkingSetMb - memory.StartWorkingSetMb:0} MB working set (peak {memory.PeakWorkingSetMb:0} MB), managed heap peak {memory.PeakManagedMb:0} MB | | bounded | |"));
        Console.WriteLine(Report.F($"Done in {total.Elapsed.TotalMinutes:0.0} min."));
        return failed > 0 ? 1 : 0;
    }

    private static async Task GenerateAsync(IServiceProvider services, string superUser, StoredReminderData data, CancellationToken ct)
    {
        Console.WriteLine($"Generating {data.Tenants} companies…");
        var watch = Stopwatch.StartNew();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var loads = new List<SyntheticTenantData>(data.Tenants);
        for (var t = 0; t < data.Tenants; t++)
        {
            var japanese = t % 2 == 0;
            var generator = new SyntheticNetworkGenerator(new SyntheticNetworkOptions
            {
                Slug = string.Create(CultureInfo.InvariantCulture, $"r{t:000}"),
                CompanyName = japanese ? $"リマインダー商事{t}株式会社" : $"Reminder Traders {t} Ltd",
                Culture = japanese ? "ja" : "en",
                TimeZoneId = japanese ? "Asia/Tokyo" : "Europe/London",
                Users = data.UsersPerTenant,
                Contacts = data.ContactsPerTenant,
                Organizations = Math.Max(100, data.ContactsPerTenant / 5),
                Seed = 20261127 + (t * 101),
                Today = data.Today,
            });
            var seeded = await new SyntheticTenantSeeder(scopes, generator).SeedAsync(Password, ct);
            loads.Add(new SyntheticTenantData(seeded.Tenant, generator, [.. seeded.Users.Select(u => u.Id)], generator.Organizations()));
        }

        Console.WriteLine(Report.F($"  companies and {data.Tenants * data.UsersPerTenant:N0} employees in {watch.Elapsed.TotalSeconds:0.0} s"));
        await new SyntheticContactLoader(superUser).LoadAsync(loads, ct);
        Console.WriteLine(Report.F($"Generation took {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task<(long Users, long Contacts, double Seconds)> BareScanAsync(string superUser, DateOnly today, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superUser);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT count(*), coalesce(sum(due), 0)::bigint FROM (
              SELECT c.tenant_id, c.owner_id, count(*) AS due FROM contacts c
              JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id AND u.is_active
              WHERE c.next_touch_on <= $1 AND (c.snoozed_until IS NULL OR c.snoozed_until <= $1)
              GROUP BY c.tenant_id, c.owner_id) d
            """, connection) { Parameters = { new() { Value = today } } };
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), watch.Elapsed.TotalSeconds);
    }

    private static async Task<double> WaitForAsync(string superUser, string countSql, long expected, Stopwatch watch, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superUser);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(countSql, connection);
        var deadline = TimeSpan.FromMinutes(10);
        while (true)
        {
            var count = (long)(await command.ExecuteScalarAsync(ct))!;
            if (count >= expected)
            {
                return watch.Elapsed.TotalSeconds;
            }

            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException($"Only {count:N0} of {expected:N0} after {deadline.TotalMinutes:0} min ({countSql}).");
            }

            await Task.Delay(50, ct);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record StoredReminderData(int Tenants, int UsersPerTenant, int ContactsPerTenant, DateOnly Today);

    /// <summary>The system clock moved to a chosen instant at start, then running at normal speed.</summary>
    private sealed class ShiftedClock(DateTime startUtc) : TimeProvider
    {
        private readonly TimeSpan _shift = new DateTimeOffset(startUtc, TimeSpan.Zero) - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _shift;
    }

    /// <summary>Samples the process's working set and managed heap every 50 ms on a background thread.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peakWorkingSet;
        private long _peakManaged;

        public MemorySampler()
        {
            StartWorkingSetMb = Environment.WorkingSet / 1048576.0;
            _sampling = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
                    _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(false));
                    await Task.Delay(50).ConfigureAwait(false);
                }
            });
        }

        public double StartWorkingSetMb { get; }
        public double PeakWorkingSetMb => Interlocked.Read(ref _peakWorkingSet) / 1048576.0;
        public double PeakManagedMb => Interlocked.Read(ref _peakManaged) / 1048576.0;

        public void Stop()
        {
            _stop.Cancel();
            _sampling.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            if (!_stop.IsCancellationRequested)
            {
                Stop();
            }

            _stop.Dispose();
        }
    }
}

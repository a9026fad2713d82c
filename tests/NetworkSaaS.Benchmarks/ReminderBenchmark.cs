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
        // Only the scan runs: the dispatcher is enqueued by hand, and the other recurring sweeps (campaigns, reminders,
        // mail outbox) would otherwise fan out over the 100 companies in the middle of a measurement.
        using (var connection = services.GetRequiredService<JobStorage>().GetConnection())
        {
            foreach (var recurring in connection.GetRecurringJobs())
            {
                services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(recurring.Id);
            }
        }

        if (!reuse)
        {
            await GenerateAsync(services, superUser, wanted, ct);
            await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(wanted), ct);
        }
        else
        {
            Console.WriteLine($"Reusing the {wanted.Tenants} generated companies in {root}");
        }

        await ResetDigestsAsync(superUser, ct);
        // The yardstick, cold (first read after start or generation) and warm (the same query again).
        var bareCold = await BareScanAsync(superUser, wanted.Today, ct);
        var bareWarm = await BareScanAsync(superUser, wanted.Today, ct);
        var (dueUsers, dueContacts) = (bareWarm.Users, bareWarm.Contacts);
        Console.WriteLine(Report.F($"Due as of {wanted.Today:yyyy-MM-dd}: {dueContacts:N0} contacts of {dueUsers:N0} employees (bare SQL count over all companies: {bareCold.Seconds:0.00} s cold, {bareWarm.Seconds:0.00} s warm)"));

        // The first scan meets what the recurring job meets after a quiet period; the second runs on warm caches and a
        // warm JIT, like the bare count it is compared with. Each: every digest of the day deleted, the dispatcher enqueued.
        var first = await ScanAsync(services, superUser, dueUsers, "first", ct);
        await ResetDigestsAsync(superUser, ct);
        var second = await ScanAsync(services, superUser, dueUsers, "second", ct);
        var bareAfter = await BareScanAsync(superUser, wanted.Today, ct);
        var bare = Math.Min(bareWarm.Seconds, bareAfter.Seconds);
        Console.WriteLine(Report.F($"  bare SQL count again after the scans: {bareAfter.Seconds:0.00} s; yardstick = the faster warm one, {bare:0.00} s"));
        var failed = services.GetRequiredService<JobStorage>().GetMonitoringApi().FailedCount();

        var ratio = second.ScanSeconds / bare;
        var pass = ratio <= BenchmarkOptions.ReminderScanTargetRatio && failed == 0;
        Console.WriteLine(Report.F($"  warm scan {second.ScanSeconds:0.00} s = {ratio:0.0} × the bare SQL count ≤ {BenchmarkOptions.ReminderScanTargetRatio:0} ×: {Report.Pass(pass)}   failed jobs: {failed}"));
        Console.WriteLine();
        Console.WriteLine("Markdown for the README:");
        Console.WriteLine();
        Console.WriteLine("| what | figure | yardstick in the same run | target | result |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine(Report.F($"| stay-in-touch scan, warm: {options.Tenants} companies, {perTenant * options.Tenants:N0} contacts, {dueContacts:N0} due → {dueUsers:N0} digests committed | {second.ScanSeconds:0.00} s | bare SQL count of due contacts per owner {bare:0.00} s warm ({bareCold.Seconds:0.00} s cold) = {ratio:0.0} × | ≤ {BenchmarkOptions.ReminderScanTargetRatio:0} × | {Report.Pass(pass)} |"));
        Console.WriteLine(Report.F($"| the same scan, first run after start | {first.ScanSeconds:0.00} s | {first.ScanSeconds / bareCold.Seconds:0.0} × the cold bare count | | |"));
        Console.WriteLine(Report.F($"| … and the {dueUsers:N0} emails written (first / second run) | {first.MailSeconds:0.0} / {second.MailSeconds:0.0} s | | | |"));
        Console.WriteLine(Report.F($"| memory of the worker process during a scan and its mails (second run) | +{second.AddedWorkingSetMb:0} MB working set (peak {second.PeakWorkingSetMb:0} MB), managed heap peak {second.PeakManagedMb:0} MB | | bounded | |"));
        Console.WriteLine(Report.F($"Done in {total.Elapsed.TotalMinutes:0.0} min."));
        return pass ? 0 : 1;
    }

    private sealed record ScanFigures(double ScanSeconds, double MailSeconds, double AddedWorkingSetMb, double PeakWorkingSetMb, double PeakManagedMb);

    /// <summary>
    /// Enqueues the dispatcher, as its recurring schedule does, and waits until every due user's digest is committed
    /// (the scan) and every digest email written; then until the queue is empty. Prints where the jobs' time went
    /// (Hangfire's own record: time in the queue, time performing) per kind of job.
    /// </summary>
    private static async Task<ScanFigures> ScanAsync(IServiceProvider services, string superUser, long dueUsers, string name, CancellationToken ct)
    {
        var since = await DatabaseNowAsync(superUser, ct);
        using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<StayInTouchDigestDispatcher>(j => j.EnqueueForAllTenantsAsync());
        var scanSeconds = await WaitForAsync(superUser, "SELECT count(*) FROM digest_deliveries", dueUsers, watch, ct);
        var mailSeconds = await WaitForAsync(superUser, "SELECT count(*) FROM digest_deliveries WHERE email_sent_at IS NOT NULL", dueUsers, watch, ct);
        memory.Stop();
        await WaitForAsync(superUser, "SELECT -count(*) FROM hangfire.jobqueue", 0, watch, ct);
        Console.WriteLine(Report.F($"  {name} scan: {dueUsers:N0} digests committed in {scanSeconds:0.00} s, emails written at {mailSeconds:0.00} s; working set +{memory.PeakWorkingSetMb - memory.StartWorkingSetMb:0} MB (peak {memory.PeakWorkingSetMb:0} MB), managed heap peak {memory.PeakManagedMb:0} MB"));
        await PrintJobProfileAsync(superUser, since, ct);
        return new ScanFigures(scanSeconds, mailSeconds, memory.PeakWorkingSetMb - memory.StartWorkingSetMb, memory.PeakWorkingSetMb, memory.PeakManagedMb);
    }

    /// <summary>Per kind of job since <paramref name="since"/>: how many, time waiting in the queue, time performing, first start to last end.</summary>
    private static async Task PrintJobProfileAsync(string superUser, DateTime since, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superUser);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT split_part(j.invocationdata::jsonb ->> 'Type', ',', 1) AS type, count(*),
                   sum((s.data::jsonb ->> 'PerformanceDuration')::bigint) / 1000.0,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (s.data::jsonb ->> 'PerformanceDuration')::bigint) / 1000.0,
                   max((s.data::jsonb ->> 'PerformanceDuration')::bigint) / 1000.0,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (s.data::jsonb ->> 'Latency')::bigint) / 1000.0,
                   max((s.data::jsonb ->> 'Latency')::bigint) / 1000.0,
                   extract(epoch FROM max(s.createdat) - min(j.createdat))
            FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Succeeded'
            WHERE j.createdat >= $1
            GROUP BY 1 ORDER BY min(j.createdat)
            """, connection) { Parameters = { new() { Value = since } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(0);
            Console.WriteLine(Report.F($"    {type[(type.LastIndexOf('.') + 1)..],-28} {reader.GetInt64(1),4} jobs   performing: sum {reader.GetDecimal(2):0.00} s, median {reader.GetDouble(3):0.000} s, max {reader.GetDecimal(4):0.000} s   in the queue: median {reader.GetDouble(5):0.00} s, max {reader.GetDecimal(6):0.00} s   first created → last done {reader.GetDecimal(7):0.00} s"));
        }
    }

    private static async Task<DateTime> DatabaseNowAsync(string superUser, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superUser);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT (now() AT TIME ZONE 'UTC')::timestamp", connection);
        return (DateTime)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ResetDigestsAsync(string superUser, CancellationToken ct)
    {
        await ExecuteAsync(superUser, $"DELETE FROM digest_deliveries; DELETE FROM notifications WHERE kind = '{NotificationKinds.StayInTouchDigest}';", ct);
        await ExecuteAsync(superUser, "VACUUM ANALYZE digest_deliveries", ct);
        await ExecuteAsync(superUser, "VACUUM ANALYZE notifications", ct);
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
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The list, search and discovery pages at scale (issue #16): --tenants companies of --users-per-tenant employees sharing
/// --contacts contacts Zipf-distributed over the companies (a few big tenants, many small), loaded in one COPY session.
/// The pages are served by the built app as real OS processes (<c>dotnet NetworkSaaS.Web.dll --role web</c>): one
/// process, then two on the same database with the clients split over them, in alternating rounds where every page is
/// compared with the bare baseline page measured in the same round with the same processes. Durability is on (fsync,
/// synchronous_commit, full_page_writes) while measuring.
/// </summary>
internal static class ScaleBenchmark
{
    private const string Database = "networksaas_bench_scale";
    private const string Password = SyntheticCompany.Password;

    /// <summary>Company t (0-based) holds a share of the contacts proportional to 1 / (t + 1)^s.</summary>
    private const double ZipfExponent = 1.0;

    private static readonly string[] PageNames = ["baseline", "list", "search", "discover"];

    public static async Task<int> RunAsync(BenchmarkOptions options, EmbeddedPostgres postgres, string root, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var wanted = new StoredScaleData(options.Tenants, options.UsersPerTenant, options.Contacts, ZipfExponent, new DateOnly(2026, 11, 27));
        var companies = Companies(wanted);
        var sizes = companies.Select(c => c.Options.Contacts).ToList();
        Console.WriteLine(Report.F($"NetworkSaaS scale benchmark: {wanted.Tenants} companies × {wanted.UsersPerTenant} employees, {wanted.Contacts:N0} contacts (Zipf s = {ZipfExponent:0.0}: largest {sizes[0]:N0}, 10th {sizes[Math.Min(9, sizes.Count - 1)]:N0}, median {sizes[sizes.Count / 2]:N0}, smallest {sizes[^1]:N0}), {options.Clients} clients, {Environment.ProcessorCount} cores"));

        var marker = Path.Combine(root, "scale.json");
        var stored = File.Exists(marker) ? JsonSerializer.Deserialize<StoredScaleData>(await File.ReadAllTextAsync(marker, ct)) : null;
        var reuse = stored == wanted;
        if (!reuse)
        {
            File.Delete(marker);
            await ExecuteAsync(postgres.SuperUserConnectionString("postgres"), $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", ct);
        }

        var connections = await postgres.EnsureDatabaseAsync(Database, ct);
        await DatabaseMigrator.MigrateAsync(connections.Owner, ct);
        NpgsqlConnection.ClearAllPools();
        var superUser = postgres.SuperUserConnectionString(Database);
        var settings = WebProcess.Settings(connections, root);
        if (!reuse)
        {
            await GenerateAsync(connections, settings, root, superUser, companies, ct);
            await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(wanted), ct);
        }
        else
        {
            Console.WriteLine($"Reusing the {wanted.Tenants} generated companies in {root}");
        }

        await MakeDurableAsync(superUser, ct);
        var databaseBytes = (long)(await ScalarAsync(superUser, $"SELECT pg_database_size('{Database}')", ct))!;
        Console.WriteLine(Report.F($"Database {databaseBytes / 1073741824.0:0.0} GB; fsync, synchronous_commit and full_page_writes on"));

        await using var webA = await WebProcess.StartAsync("a", settings, root, ct);
        await using var webB = await WebProcess.StartAsync("b", settings, root, ct);
        Console.WriteLine($"Web processes (dotnet NetworkSaaS.Web.dll --role web): A pid {webA.ProcessId} on {webA.BaseAddress}, B pid {webB.ProcessId} on {webB.BaseAddress}");

        var people = SignedInPeople(companies, options.Clients, wanted.UsersPerTenant);
        Console.WriteLine($"Signed-in employees in companies of {string.Join(", ", people.Select(p => p.Company.Options.Contacts.ToString("N0", CultureInfo.InvariantCulture)))} contacts");
        var one = new List<ScaleClient>();
        var two = new List<ScaleClient>();
        try
        {
            for (var i = 0; i < people.Count; i++)
            {
                one.Add(await ScaleClient.SignInAsync(people[i], webA, ct));
                two.Add(await ScaleClient.SignInAsync(people[i], i % 2 == 0 ? webA : webB, ct));
            }

            foreach (var client in one.Concat(two))
            {
                await client.CheckPagesAsync(ct);
            }

            return await MeasureAsync(options, wanted, databaseBytes, postgres, [webA, webB], one, two, total, ct);
        }
        finally
        {
            foreach (var client in one.Concat(two))
            {
                client.Dispose();
            }
        }
    }

    private static async Task<int> MeasureAsync(
        BenchmarkOptions options, StoredScaleData data, long databaseBytes, EmbeddedPostgres postgres, WebProcess[] webs,
        List<ScaleClient> one, List<ScaleClient> two, Stopwatch total, CancellationToken ct)
    {
        var setups = new (string Name, List<ScaleClient> Clients)[] { ("1 process", one), ("2 processes", two) };
        var meter = new ScaleMeter(new CpuMeter(postgres.ClusterDirectory), webs);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var slice = TimeSpan.FromSeconds(options.Seconds) / options.Rounds;
        // Tiered JIT and dynamic PGO in each process: every page runs unmeasured first in both setups.
        foreach (var (_, clients) in setups)
        {
            foreach (var page in PageNames)
            {
                await RunAsync(page, clients, options.JitWarmup, meter, 900, ct);
            }
        }

        var load = await LoadAverageAsync();
        Console.WriteLine($"Load (closed loop, loopback; per setup the baseline, list, search and discovery in {options.Rounds} alternating rounds of {slice.TotalSeconds:0.#} s each; load average before: {load}):");
        var totals = new Dictionary<(string Setup, string Page), ScaleResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (setup, clients) in setups)
            {
                var thisRound = new Dictionary<string, ScaleResult>();
                foreach (var page in PageNames)
                {
                    var settle = round == 1 ? warmup : TimeSpan.FromSeconds(Math.Min(1, options.WarmupSeconds));
                    if (settle > TimeSpan.Zero)
                    {
                        await RunAsync(page, clients, settle, meter, 1000 * round + thisRound.Count, ct);
                    }

                    var result = await RunAsync(page, clients, slice, meter, 100 * round + thisRound.Count, ct);
                    thisRound[page] = result;
                    totals[(setup, page)] = totals.TryGetValue((setup, page), out var before) ? ScaleResult.Combine(before, result) : result;
                }

                var baseline = thisRound["baseline"].Load.Throughput;
                var pages = PageNames.Skip(1).Select(p => Report.F($"{p} {thisRound[p].Load.Throughput:0} ({thisRound[p].Load.Throughput / baseline:0.00}×)"));
                Console.WriteLine(Report.F($"  round {round}, {setup}: baseline {baseline:0} req/s, {string.Join(", ", pages)}"));
            }
        }

        var loadAfter = await LoadAverageAsync();
        Console.WriteLine();
        foreach (var (setup, _) in setups)
        {
            var baseline = totals[(setup, "baseline")];
            foreach (var page in PageNames)
            {
                var r = totals[(setup, page)];
                Console.WriteLine(Report.F($"  {setup,-11} {page,-9} {r.Load.Requests,7:N0} req = {r.Load.Throughput,7:0.0} req/s   p50 {r.Load.Percentile(0.50),6:0.0}   p95 {r.Load.Percentile(0.95),6:0.0}   p99 {r.Load.Percentile(0.99),6:0.0} ms   errors {r.Load.Errors}   ratio {r.Load.Throughput / baseline.Load.Throughput:0.00}   CPU/req {r.WebMsPerRequest:0.00} ms web + {r.PostgresMsPerRequest:0.00} ms PostgreSQL"));
                if (r.Load.FirstError is not null)
                {
                    Console.WriteLine($"    first error: {r.Load.FirstError}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Markdown for the README:");
        Console.WriteLine();
        Console.WriteLine(Report.F($"{data.Tenants} companies × {data.UsersPerTenant} employees, {data.Contacts:N0} contacts (Zipf s = {data.ZipfExponent:0.0}), database {databaseBytes / 1073741824.0:0.0} GB, durability on; {options.Clients} signed-in clients in a closed loop, {options.Rounds} rounds × {slice.TotalSeconds:0.#} s per page and setup, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {load} before / {loadAfter} after."));
        Console.WriteLine();
        Console.WriteLine("| web processes | page | req/s | p50 ms | p95 ms | p99 ms | errors | throughput / baseline | CPU ms/req web + PostgreSQL |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (setup, _) in setups)
        {
            var baseline = totals[(setup, "baseline")];
            foreach (var page in PageNames)
            {
                var r = totals[(setup, page)];
                Console.WriteLine(Report.F($"| {setup[..1]} | {PageLabel(page)} | {r.Load.Throughput:0} | {r.Load.Percentile(0.5):0.0} | {r.Load.Percentile(0.95):0.0} | {r.Load.Percentile(0.99):0.0} | {r.Load.Errors} | {r.Load.Throughput / baseline.Load.Throughput:0.00} | {r.WebMsPerRequest:0.00} + {r.PostgresMsPerRequest:0.00} |"));
            }
        }

        var errors = totals.Values.Sum(r => r.Load.Errors);
        Console.WriteLine(Report.F($"Done in {total.Elapsed.TotalMinutes:0.0} min{(errors > 0 ? $"; {errors} requests failed: the figures are not valid" : "")}."));
        return errors > 0 ? 1 : 0;
    }

    private static string PageLabel(string page) => page switch
    {
        "baseline" => "bare page, one indexed query (baseline)",
        "list" => "contact list (page 1–5, any sort)",
        "search" => "contact search",
        _ => "discovery (company, role, expertise, open to, industry)",
    };

    /// <summary>
    /// Every client runs its own company's page at once (LoadRunner with that one client), so the figures of one slice
    /// are those of all clients over the same seconds; CPU is read once around the slice for the web processes and PostgreSQL.
    /// </summary>
    private static async Task<ScaleResult> RunAsync(string page, IReadOnlyList<ScaleClient> clients, TimeSpan duration, ScaleMeter meter, int seed, CancellationToken ct)
    {
        var before = meter.Read();
        var results = await Task.WhenAll(clients.Select((c, i) =>
            LoadRunner.RunAsync(c.Scenario(page), [c.Http], TimeSpan.Zero, duration, seed + (37 * i), ScaleMeter.None, ct)));
        var used = meter.Read() - before;
        var combined = new ScenarioResult(
            page,
            results.Sum(r => r.Requests),
            results.Sum(r => r.Errors),
            results.Max(r => r.Seconds),
            [.. results.SelectMany(r => r.SortedLatenciesMs).Order()],
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            used);
        return new ScaleResult(combined);
    }

    private static async Task GenerateAsync(
        DatabaseConnections connections, IReadOnlyDictionary<string, string> settings, string root, string superUser,
        List<SyntheticNetworkGenerator> companies, CancellationToken ct)
    {
        // The in-process app (for the seeder's services) reads the same settings as the web processes, from the environment.
        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        Console.WriteLine($"Generating {companies.Count} companies…");
        var watch = Stopwatch.StartNew();
        var loads = new List<SyntheticTenantData>(companies.Count);
        await using (var app = new BenchmarkApp(connections, Path.Combine(root, "mail")))
        {
            app.Start();
            var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
            foreach (var generator in companies)
            {
                var seeded = await new SyntheticTenantSeeder(scopes, generator).SeedAsync(Password, ct);
                loads.Add(new SyntheticTenantData(seeded.Tenant, generator, [.. seeded.Users.Select(u => u.Id)], generator.Organizations()));
            }
        }

        Console.WriteLine(Report.F($"  companies and {companies.Sum(c => c.Options.Users):N0} employees in {watch.Elapsed.TotalSeconds:0.0} s"));
        await new SyntheticContactLoader(superUser).LoadAsync(loads, ct);
        Console.WriteLine(Report.F($"Generation took {watch.Elapsed.TotalMinutes:0.0} min"));
    }

    /// <summary>The companies, largest first: slug s000 … s099, alternately Japanese and English.</summary>
    private static List<SyntheticNetworkGenerator> Companies(StoredScaleData data)
    {
        var weights = Enumerable.Range(1, data.Tenants).Select(t => Math.Pow(t, -data.ZipfExponent)).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)Math.Floor(data.Contacts * w / sum)).ToArray();
        for (var (i, missing) = (0, data.Contacts - counts.Sum()); missing > 0; i = (i + 1) % counts.Length, missing--)
        {
            counts[i]++;
        }

        return [.. counts.Select((contacts, t) =>
        {
            var japanese = t % 2 == 0;
            return new SyntheticNetworkGenerator(new SyntheticNetworkOptions
            {
                Slug = string.Create(CultureInfo.InvariantCulture, $"s{t:000}"),
                CompanyName = japanese ? $"スケール商事{t}株式会社" : $"Scale Traders {t} Ltd",
                Culture = japanese ? "ja" : "en",
                TimeZoneId = japanese ? "Asia/Tokyo" : "Europe/London",
                Users = data.UsersPerTenant,
                Contacts = contacts,
                // As the single-company benchmark: 20,000 companies for 1,000,000 contacts, at least 200.
                Organizations = Math.Clamp(contacts / 50, 200, 20_000),
                Seed = 20261127 + (t * 101),
                Today = data.Today,
            });
        })];
    }

    /// <summary>
    /// Who signs in: client i of n belongs to the company of rank ≈ tenants^(i / (n − 1)) (log-spaced, so the big companies,
    /// which have the most traffic, get more clients, and the smallest one gets one too), an employee other than the admin.
    /// </summary>
    private static List<SignedInPerson> SignedInPeople(List<SyntheticNetworkGenerator> companies, int clients, int usersPerTenant)
    {
        var people = new List<SignedInPerson>(clients);
        for (var i = 0; i < clients; i++)
        {
            var rank = clients == 1 ? 0 : (int)Math.Round(Math.Pow(companies.Count, i / (double)(clients - 1))) - 1;
            var company = companies[Math.Clamp(rank, 0, companies.Count - 1)];
            var employee = usersPerTenant == 1 ? 0 : 1 + (i * 13 % (usersPerTenant - 1));
            people.Add(new SignedInPerson(company, company.Users()[employee].Email));
        }

        return people;
    }

    /// <summary>Durability on for every figure, as deployed (the cluster may have been created with it off for speed).</summary>
    private static async Task MakeDurableAsync(string superUser, CancellationToken ct)
    {
        foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
        {
            await ExecuteAsync(superUser, $"ALTER SYSTEM SET {setting} = on", ct);
        }

        await ExecuteAsync(superUser, "SELECT pg_reload_conf()", ct);
        for (var attempt = 0; ; attempt++)
        {
            var off = await ScalarAsync(superUser, "SELECT string_agg(name, ', ') FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting <> 'on'", ct);
            if (off is null or DBNull)
            {
                break;
            }

            if (attempt == 50)
            {
                throw new InvalidOperationException($"PostgreSQL still runs with {off} off after the reload.");
            }

            await Task.Delay(100, ct);
        }

        // What was written with fsync off reaches the disk now, before anything is measured.
        await ExecuteAsync(superUser, "CHECKPOINT", ct);
    }

    private static async Task<string> LoadAverageAsync()
    {
        try
        {
            var fields = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(ct);
    }

    private sealed record StoredScaleData(int Tenants, int UsersPerTenant, int Contacts, double ZipfExponent, DateOnly Today);

    private sealed record SignedInPerson(SyntheticNetworkGenerator Company, string Email);

    private sealed record ScaleResult(ScenarioResult Load)
    {
        public double WebMsPerRequest => 1000 * Load.Cpu.Process / Math.Max(1, Load.Requests);
        public double PostgresMsPerRequest => 1000 * Load.Cpu.Postgres / Math.Max(1, Load.Requests);

        public static ScaleResult Combine(ScaleResult a, ScaleResult b) => new(ScenarioResult.Combine(a.Load.Name, a.Load, b.Load));
    }

    /// <summary>CPU of the web processes (as <see cref="CpuSample.Process"/>) and of PostgreSQL, not of this load generator.</summary>
    private sealed class ScaleMeter(CpuMeter postgres, IReadOnlyList<WebProcess> webs)
    {
        /// <summary>For LoadRunner's per-client calls: a meter whose cluster folder does not exist reads only /proc/self, cheaply.</summary>
        public static readonly CpuMeter None = new(Path.Combine(Path.GetTempPath(), "networksaas-no-cluster"));

        public CpuSample Read() => new(webs.Sum(w => w.CpuSeconds()), postgres.Read().Postgres);
    }

    /// <summary>One signed-in employee on one web process, with the search terms and discovery queries of its own company.</summary>
    private sealed class ScaleClient : IDisposable
    {
        private readonly Dictionary<string, Scenario> _scenarios;

        private ScaleClient(HttpClient http, SyntheticNetworkGenerator company)
        {
            Http = http;
            var slug = company.Options.Slug;
            var organizations = company.Organizations();
            var terms = company.SearchTerms(organizations);
            var discoveries = company.DiscoveryQueries(organizations);
            var sorts = Enum.GetNames<NetworkSort>();
            _scenarios = new Dictionary<string, Scenario>(StringComparer.Ordinal)
            {
                ["baseline"] = new("baseline", _ => $"/{slug}/diagnostics/baseline"),
                ["list"] = new("list", r => $"/{slug}/contacts?page={r.Next(1, 6)}&sort={sorts[r.Next(sorts.Length)]}"),
                ["search"] = new("search", r => $"/{slug}/contacts?q={Uri.EscapeDataString(terms[r.Next(terms.Count)])}"),
                ["discover"] = new("discover", r => $"/{slug}/discover?{discoveries[r.Next(discoveries.Count)]}"),
            };
            Markers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [$"/{slug}/diagnostics/baseline"] = "id=\"baseline\"",
                [$"/{slug}/contacts?sort=NextTouch&page=2"] = "id=\"contacts\"",
                [$"/{slug}/contacts?q={Uri.EscapeDataString(terms[0])}"] = "id=\"network-summary\"",
                [$"/{slug}/discover?{discoveries[0]}"] = "id=\"discover-results\"",
            };
        }

        public HttpClient Http { get; }
        private Dictionary<string, string> Markers { get; }

        public Scenario Scenario(string page) => _scenarios[page];

        public static async Task<ScaleClient> SignInAsync(SignedInPerson person, WebProcess web, CancellationToken ct)
        {
            var http = LoadRunner.NewClient(web.BaseAddress);
            try
            {
                await LoadRunner.SignInAsync(http, person.Company.Options.Slug, person.Email, Password, ct);
                return new ScaleClient(http, person.Company);
            }
            catch
            {
                http.Dispose();
                throw;
            }
        }

        /// <summary>One GET of each page before the load: wrong pages would otherwise only show up as fast errors.</summary>
        public async Task CheckPagesAsync(CancellationToken ct)
        {
            foreach (var (path, marker) in Markers)
            {
                using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.Contains(marker, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"GET {path} on {Http.BaseAddress} answered {(int)response.StatusCode} without {marker}.");
                }
            }
        }

        public void Dispose() => Http.Dispose();
    }
}

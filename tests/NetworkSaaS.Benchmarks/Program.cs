using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// Benchmark, not a test: prints figures and PASS/FAIL against the targets, exits 0 whatever they are, and non-zero only
/// when something went wrong (a request failed, the data could not be made, the import broke).
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            if (e.Message != "usage")
            {
                await Console.Error.WriteLineAsync(e.Message);
            }

            await Console.Error.WriteLineAsync(BenchmarkOptions.Usage);
            return 2;
        }

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var ct = cancellation.Token;

        BenchmarkCluster.Body body = options switch
        {
            { Reminders: true } => ReminderBenchmark.RunAsync,
            { Exports: true } => ExportBenchmark.RunAsync,
            { Scale: true } => ScaleBenchmark.RunAsync,
            _ => RunPagesAsync,
        };
        return await BenchmarkCluster.RunAsync(options, body, ct);
    }

    /// <summary>The list, search and discovery pages under load, and the LinkedIn import (issues #3 and #4).</summary>
    private static async Task<int> RunPagesAsync(BenchmarkOptions options, EmbeddedPostgres postgres, string root, CancellationToken ct)
    {
        const string Database = "networksaas_bench";
        const string Password = SyntheticCompany.Password;
        var slug = SyntheticNetworkOptions.DefaultSlug;
        var keep = options.DataDirectory is not null;
        var total = Stopwatch.StartNew();
        Console.WriteLine($"NetworkSaaS benchmark: {options.Contacts:N0} contacts, {options.Users:N0} users, {options.Clients} clients, {options.Seconds} s per page (+{options.WarmupSeconds} s warm-up), {Environment.ProcessorCount} cores");
        var copyLimit = ColdNetworkLoad.CopyLimit(options);
        var appSettings = new Dictionary<string, string?>
        {
            ["Contacts:MyNetwork:CachedContacts"] = copyLimit.ToString(CultureInfo.InvariantCulture),
            // Every employee signs in (and the import is posted) from the one loopback address, more often than a person would.
            ["RateLimits:SignIn:PerAddress"] = "100000",
            ["RateLimits:Imports:PerAddress"] = "100000",
            ["RateLimits:Imports:PerAccount"] = "100000",
        };
        // The web app and the import's worker read each other's data-protection keys: one certificate for both.
        using (var certificate = DataProtectionCertificates.CreateSelfSigned("CN=NetworkSaaS benchmark"))
        {
            appSettings[$"{DataProtectionCertificates.Section}:Base64"] = Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
        }

        await using var company = await SyntheticCompany.PrepareAsync(postgres, root, Database, "generated.json", options, visibility: null, addActivity: null, appSettings, ct);
        var (app, generator, organizations, tenant, users, generation) =
            (company.App, company.Generator, company.Organizations, company.Tenant, company.Users, company.Generation);
        var services = app.Services;

        // The signed-in employees: a fixed draw, so every run uses the same ones.
        var draw = new Random(7);
        var drawn = Enumerable.Range(1, users.Count - 1).OrderBy(_ => draw.Next()).Select(i => users[i]).ToList();
        var signedIn = drawn.Take(Math.Min(options.Clients, users.Count - 1)).ToList();
        var importer = signedIn[0];
        var generatedIds = await ImportBenchmark.GeneratedContactIdsAsync(postgres.SuperUserConnectionString(Database), importer.Id, ct);
        if (keep && await ImportBenchmark.UndoAsync(postgres.SuperUserConnectionString(Database), importer.Id, generatedIds, since: null, ct) is > 0 and var leftovers)
        {
            Console.WriteLine($"Removed {leftovers:N0} contacts that an interrupted run had imported for {importer.Email}.");
        }

        var owned = await ContactCountsAsync(postgres.SuperUserConnectionString(Database), [.. signedIn.Select(u => u.Id)], ct);
        Console.WriteLine($"Signing in {signedIn.Count} employees (they own {owned.Min():N0}–{owned.Max():N0} contacts, {owned.Average():N0} on average)…");
        var clients = new List<HttpClient>();
        ColdNetworkLoad? cold = null;
        try
        {
            foreach (var user in signedIn)
            {
                var client = LoadRunner.NewClient(app.BaseAddress);
                clients.Add(client);
                await LoadRunner.SignInAsync(client, slug, user.Email!, Password, ct);
            }

            var terms = generator.SearchTerms(organizations);
            var sorts = Enum.GetNames<NetworkSort>();
            var baselineScenario = new Scenario("baseline", _ => $"/{slug}/diagnostics/baseline");
            var listScenario = new Scenario("list", r => $"/{slug}/contacts?page={r.Next(1, 6)}&sort={sorts[r.Next(sorts.Length)]}");
            var searchScenario = new Scenario("search", r => $"/{slug}/contacts?q={Uri.EscapeDataString(terms[r.Next(terms.Count)])}");
            var discoveries = generator.DiscoveryQueries(organizations);
            var discoverScenario = new Scenario("discover", r => $"/{slug}/discover?{discoveries[r.Next(discoveries.Count)]}");
            Scenario[] deployedPages = [baselineScenario, listScenario, searchScenario, discoverScenario];
            await CheckPagesAsync(clients[0], slug, terms, ct);
            cold = await ColdNetworkLoad.PrepareAsync(drawn, clients, copyLimit, slug, Password, app.BaseAddress, company.SuperUserConnectionString,
                [.. organizations.Select(o => o.Name)], ct);
            Console.WriteLine(Report.F($"My network copy limit (Contacts:MyNetwork:CachedContacts): {copyLimit:N0} contacts. The {signedIn.Count} employees of the warm list and search own {owned.Sum():N0}; the {cold.Owners.Count} of the cold ones own {cold.PoolContacts:N0} ({cold.PoolContacts / (double)copyLimit:0.0} × the limit), with {NetworkWriters.Loops} writers beside them."));
            var coldListScenario = cold.Cold(listScenario, "list, cold");
            var coldSearchScenario = cold.Cold(searchScenario, "search, cold");
            (listScenario, searchScenario) = (cold.Counted(listScenario), cold.Counted(searchScenario));

            var cpu = new CpuMeter(postgres.ClusterDirectory);
            // Right after start the app's code is still being compiled and tiered up (tiered JIT, dynamic PGO): every
            // page runs unmeasured first, so the first measured scenario is not penalized against the later ones.
            foreach (var scenario in new[] { baselineScenario, listScenario, searchScenario, coldListScenario, discoverScenario, baselineScenario })
            {
                await LoadRunner.WarmUpAsync(scenario, clients, options.JitWarmup, 900, ct);
            }

            cold.ResetCounts();

            Console.WriteLine($"Load (closed loop, loopback; baseline, list, search, the bare page in the layout, the cold list and search, and discovery in {options.Rounds} alternating rounds of {options.Seconds / (double)options.Rounds:0.#} s each):");
            var inLayoutScenario = baselineScenario with { Name = "in layout", NextPath = _ => $"/{slug}/diagnostics/baseline?layout=true" };
            var compared = new[] { baselineScenario, listScenario, searchScenario, inLayoutScenario, coldListScenario, coldSearchScenario, discoverScenario };
            var totals = await AlternatingRounds.RunAsync(options, compared,
                (page, settle, slice, seed) => LoadRunner.RunAsync(page, clients, settle, slice, seed, cpu, ct));

            var (baseline, list, search, inLayout) = (totals[baselineScenario.Name], totals[listScenario.Name], totals[searchScenario.Name], totals[inLayoutScenario.Name]);
            Report.PrintScenario(baseline, null);
            foreach (var page in new[] { list, search })
            {
                Report.PrintScenario(page, baseline);
                PrintCopies(cold, page);
            }

            Report.PrintScenario(inLayout, baseline);
            var (coldList, coldSearch) = (totals[coldListScenario.Name], totals[coldSearchScenario.Name]);
            foreach (var page in new[] { coldList, coldSearch })
            {
                Report.PrintScenario(page, baseline);
                PrintCopies(cold, page);
            }

            Report.PrintWriters(cold.Writers);
            var discover = totals[discoverScenario.Name];
            Report.PrintScenario(discover, baseline);
            Console.WriteLine();
            foreach (var page in new[] { list, search, coldList, coldSearch })
            {
                var ratio = page.Throughput / baseline.Throughput;
                Console.WriteLine(Report.F($"  {page.Name,-12} p95 {page.Percentile(0.95):0.0} ms ≤ {BenchmarkOptions.P95TargetMs:0} ms: {Report.Pass(page.Percentile(0.95) <= BenchmarkOptions.P95TargetMs)}   throughput {ratio:0.00} × baseline ≥ {BenchmarkOptions.ThroughputRatioTarget:0.0}: {Report.Pass(ratio >= BenchmarkOptions.ThroughputRatioTarget)}   ({page.Throughput / inLayout.Throughput:0.00} × the same bare page inside the app's layout)"));
            }

            var discoverRatio = discover.Throughput / baseline.Throughput;
            var discoverOk = discover.Percentile(0.95) <= BenchmarkOptions.DiscoverP95TargetMs && discoverRatio >= BenchmarkOptions.DiscoverThroughputRatioTarget;
            Console.WriteLine(Report.F($"  {discover.Name,-9} p95 {discover.Percentile(0.95):0.0} ms ≤ {BenchmarkOptions.DiscoverP95TargetMs:0} ms: {Report.Pass(discover.Percentile(0.95) <= BenchmarkOptions.DiscoverP95TargetMs)}   throughput {discoverRatio:0.00} × baseline ≥ {BenchmarkOptions.DiscoverThroughputRatioTarget:0.0}: {Report.Pass(discoverRatio >= BenchmarkOptions.DiscoverThroughputRatioTarget)}"));

            Console.WriteLine();
            var deployed = await DeployedPages.RunAsync(options, company.Connections, appSettings, root, slug, signedIn, Password, deployedPages, cpu, ct);
            var deployedBaseline = deployed[baselineScenario.Name];
            foreach (var page in deployedPages)
            {
                Report.PrintScenario(deployed[page.Name], page == baselineScenario ? null : deployedBaseline, "the web process");
            }

            var deployedDiscover = deployed[discoverScenario.Name];
            var deployedRatio = deployedDiscover.Throughput / deployedBaseline.Throughput;
            var deployedOk = deployedDiscover.Percentile(0.95) <= BenchmarkOptions.DiscoverP95TargetMs && deployedRatio >= BenchmarkOptions.DiscoverThroughputRatioTarget;
            Console.WriteLine(Report.F($"  {discoverScenario.Name,-9} as deployed: p95 {deployedDiscover.Percentile(0.95):0.0} ms ≤ {BenchmarkOptions.DiscoverP95TargetMs:0} ms: {Report.Pass(deployedDiscover.Percentile(0.95) <= BenchmarkOptions.DiscoverP95TargetMs)}   throughput {deployedRatio:0.00} × baseline ≥ {BenchmarkOptions.DiscoverThroughputRatioTarget:0.0}: {Report.Pass(deployedRatio >= BenchmarkOptions.DiscoverThroughputRatioTarget)}"));
            Console.WriteLine();

            var copies = await MyNetworkCopyBenchmark.RunAsync(
                clients, [.. signedIn.Select(u => u.Id)], slug, postgres.SuperUserConnectionString(Database), services, tenant, ct);
            Console.WriteLine(Report.F($"  My network in memory: the first list request after a write to the owner's contacts (reload) p50 {copies.AfterWriteP50Ms:0.0} ms, max {copies.AfterWriteMaxMs:0.0} ms; the next one p50 {copies.CachedP50Ms:0.0} ms (one request at a time); {copies.BytesPerContact:0} bytes of managed heap per contact kept ({copies.Contacts:N0} contacts)"));

            Console.WriteLine();
            Console.WriteLine($"Import through the pages: {options.ImportRows:N0}-row LinkedIn Connections.csv for {importer.Email}, the job on a worker-role instance of the app (Hangfire server) in this process…");
            var file = ImportBenchmark.LinkedInFile(options.ImportRows, organizations, 11);
            var since = DateTimeOffset.UtcNow;
            ImportResult import;
            await using (var worker = new BenchmarkApp(company.Connections, Path.Combine(root, "mail"), role: "worker", settings: appSettings))
            {
                worker.Start();
                var idle = await ImportBenchmark.WaitUntilIdleAsync(worker, ct);
                Console.WriteLine(Report.F($"  worker started and idle after {idle:0.0} s"));
                import = await ImportBenchmark.RunAsync(clients[0], slug, worker, company.SuperUserConnectionString, file, ct);
            }

            Console.WriteLine(Report.F($"  import {import.TotalSeconds:0.00} s ({import.Created:N0} created, {import.Updated:N0} updated): upload + preview {import.UploadPreviewSeconds:0.00} s, Import POST {import.StartSeconds:0.00} s, queue wait {import.QueueSeconds:0.00} s, job {import.JobSeconds:0.00} s, until the page showed it finished {import.ShownSeconds:0.00} s   bare parse {import.ParseSeconds:0.000} s   import/parse {import.Ratio:0}   ≤ {BenchmarkOptions.ImportTargetSeconds:0} s: {Report.Pass(import.TotalSeconds <= BenchmarkOptions.ImportTargetSeconds)}"));
            if (keep)
            {
                await ImportBenchmark.UndoAsync(postgres.SuperUserConnectionString(Database), importer.Id, generatedIds, since, ct);
                await cold.UndoAsync(company.SuperUserConnectionString, ct);
            }

            Console.WriteLine();
            Console.WriteLine("Markdown for the README:");
            Console.WriteLine();
            Console.WriteLine(Report.Markdown(options, generation, baseline, list, search, coldList, coldSearch, cold, import));
            Console.WriteLine(Report.F($"| discovery search (company, role, expertise, open to, industry) | {discover.Throughput:0} | {discover.Percentile(0.5):0.0} | {discover.Percentile(0.95):0.0} | {discover.Percentile(0.99):0.0} | {discover.Max:0} | {discover.Errors} | {discover.CpuPerRequestMs.Process:0.00} + {discover.CpuPerRequestMs.Postgres:0.00} | {discoverRatio:0.00} | p95 ≤ {BenchmarkOptions.DiscoverP95TargetMs:0} ms, ≥ {BenchmarkOptions.DiscoverThroughputRatioTarget:0.0} | {Report.Pass(discoverOk && discover.Errors == 0)} |"));
            Console.WriteLine();
            Console.WriteLine("As deployed (the app in its own process; CPU of the web process + PostgreSQL):");
            Console.WriteLine();
            Console.WriteLine("| page | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/req web + PostgreSQL | throughput / baseline |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var page in deployedPages)
            {
                var r = deployed[page.Name];
                Console.WriteLine(Report.F($"| {page.Name} | {r.Throughput:0} | {r.Percentile(0.5):0.0} | {r.Percentile(0.95):0.0} | {r.Percentile(0.99):0.0} | {r.Max:0} | {r.Errors} | {r.CpuPerRequestMs.Process:0.00} + {r.CpuPerRequestMs.Postgres:0.00} | {r.Throughput / deployedBaseline.Throughput:0.00} |"));
            }

            // Every page's failed requests: the measured ones (discovery's among them), the warm-ups' and the writers'.
            var errors = totals.Values.Sum(r => r.Errors) + deployed.Values.Sum(r => r.Errors) + LoadRunner.UnmeasuredErrors + cold.Writers.Errors;
            Console.WriteLine(Report.F($"Done in {total.Elapsed.TotalMinutes:0.0} min{(errors > 0 ? $"; {errors} requests failed ({LoadRunner.UnmeasuredErrors} of them in warm-ups, {cold.Writers.Errors} writes): the figures are not valid" : "")}."));
            return errors > 0 ? 1 : 0;
        }
        finally
        {
            cold?.Dispose();
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static void PrintCopies(ColdNetworkLoad cold, ScenarioResult page)
    {
        var loaded = cold.CountsOf(page.Name);
        Console.WriteLine(Report.F($"            copies loaded: {loaded.AbsentLoads:N0} not in memory + {loaded.ChangedLoads:N0} after a write = {(loaded.AbsentLoads + loaded.ChangedLoads) / (double)Math.Max(1, page.Requests):0.00} per request; {loaded.Evictions:N0} evicted for room"));
    }

    private static async Task<List<long>> ContactCountsAsync(string connectionString, Guid[] owners, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(c.id) FROM unnest($1::uuid[]) o(id) LEFT JOIN contacts c ON c.owner_id = o.id GROUP BY o.id", connection)
        {
            Parameters = { new() { Value = owners } },
        };
        var counts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    /// <summary>One GET of each page before the load: wrong pages would otherwise only show up as fast errors.</summary>
    private static async Task CheckPagesAsync(HttpClient client, string slug, IReadOnlyList<string> terms, CancellationToken ct)
    {
        var checks = new (string Path, string Marker)[]
        {
            ($"/{slug}/diagnostics/baseline", "id=\"baseline\""),
            ($"/{slug}/contacts?sort=NextTouch&page=2", "id=\"contacts\""),
            ($"/{slug}/contacts?q={Uri.EscapeDataString(terms[0])}", "id=\"network-summary\""),
            ($"/{slug}/contacts?page=999999", "id=\"contacts\""),
            ($"/{slug}/contacts?q=no-such-contact-anywhere", "id=\"network-summary\""),
            ($"/{slug}/discover?keywords=CTO", "id=\"discover-results\""),
        };
        foreach (var (path, marker) in checks)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.Contains(marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without {marker}.");
            }
        }

        // The list's pages must really differ: "page 1–5" once measured page 1 five times (?page= was not applied).
        static async Task<string> RowsAsync(HttpClient client, string path, CancellationToken ct)
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), ct);
            var start = html.IndexOf("<tbody>", StringComparison.Ordinal);
            return start < 0 ? "" : html[start..html.IndexOf("</tbody>", start, StringComparison.Ordinal)];
        }

        if (await RowsAsync(client, $"/{slug}/contacts?page=1", ct) == await RowsAsync(client, $"/{slug}/contacts?page=2", ct))
        {
            throw new InvalidOperationException("The contact list's page 2 shows the same rows as page 1.");
        }
    }
}


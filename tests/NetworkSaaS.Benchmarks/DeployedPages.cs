using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The warm pages once more, served by the app as it is deployed: its own OS process (<see cref="WebProcess"/>, with its
/// own runtime settings), on the same database, for the same employees, in the same alternating rounds. In the
/// benchmark's own process the load generator shares the app's thread pool and garbage collector, so a response's
/// continuation in the generator waits in the app's queue behind the app's work and is counted as latency: there the
/// bare baseline page's p95 is 2.5–2.8 × its p50, from a separate process 1.5–1.6 ×. Both figures are printed; CPU here
/// is the web process's and PostgreSQL's, not the generator's.
/// </summary>
internal static class DeployedPages
{
    /// <summary>For LoadRunner: a meter whose cluster folder does not exist reads only /proc/self, cheaply (the CPU is read here).</summary>
    private static readonly CpuMeter NoCpu = new(Path.Combine(Path.GetTempPath(), "networksaas-no-cluster"));

    public static async Task<Dictionary<string, ScenarioResult>> RunAsync(
        BenchmarkOptions options, DatabaseConnections connections, IReadOnlyDictionary<string, string?> appSettings, string root,
        string slug, IReadOnlyList<AppUser> employees, string password, IReadOnlyList<Scenario> pages, CpuMeter postgres, CancellationToken ct)
    {
        var settings = WebProcess.Settings(connections, root);
        // The in-process app's settings (copy limit, rate limits) and its data-protection certificate: both apps read
        // and write one key ring in the database.
        settings.Remove($"{DataProtectionCertificates.Section}:Path");
        foreach (var (key, value) in appSettings)
        {
            if (value is not null)
            {
                settings[key] = value;
            }
        }

        await using var web = await WebProcess.StartAsync("pages", settings, root, ct);
        var clients = new List<HttpClient>();
        try
        {
            foreach (var employee in employees)
            {
                var client = LoadRunner.NewClient(web.BaseAddress);
                clients.Add(client);
                await LoadRunner.SignInAsync(client, slug, employee.Email!, password, ct);
            }

            // A first request of each page alone: the discovery index's first load (seconds for a large company) is not
            // part of any page's figures, warm-ups included.
            var sink = new byte[16 * 1024];
            foreach (var page in pages)
            {
                var path = page.NextPath(new Random(1));
                var (status, _) = await LoadRunner.TimedGetAsync(clients[0], path, sink, ct);
                if (status != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} from the web process answered {(int)status}; see {web.LogFile}.");
                }
            }

            foreach (var page in pages)
            {
                await LoadRunner.WarmUpAsync(page, clients, options.JitWarmup, 900, ct);
            }

            Console.WriteLine($"As deployed: the app in its own process (dotnet NetworkSaaS.Web.dll --role web, pid {web.ProcessId}), the same employees, {options.Rounds} alternating rounds:");
            return await AlternatingRounds.RunAsync(options, pages,
                (page, settle, slice, seed) => MeasureAsync(web, postgres, page, clients, settle, slice, seed, ct));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(
        WebProcess web, CpuMeter postgres, Scenario page, IReadOnlyList<HttpClient> clients, TimeSpan warmup, TimeSpan duration, int seed, CancellationToken ct)
    {
        if (warmup > TimeSpan.Zero)
        {
            await LoadRunner.WarmUpAsync(page, clients, warmup, seed + 1000, ct);
        }

        var before = new CpuSample(web.CpuSeconds(), postgres.Read().Postgres);
        var result = await LoadRunner.RunAsync(page, clients, TimeSpan.Zero, duration, seed, NoCpu, ct);
        return result with { Cpu = new CpuSample(web.CpuSeconds(), postgres.Read().Postgres) - before };
    }
}

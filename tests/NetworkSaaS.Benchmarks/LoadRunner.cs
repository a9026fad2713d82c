using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Benchmarks;

/// <summary>A kind of request: the address of the next one, drawn with the client's own random generator.</summary>
internal sealed record Scenario(string Name, Func<Random, string> NextPath)
{
    /// <summary>
    /// When set, each loop sends every request as one of these signed-in employees, drawn at random (more employees than
    /// loops); otherwise each loop is its own client's employee.
    /// </summary>
    public IReadOnlyList<HttpClient>? SignedIn { get; init; }

    /// <summary>Runs beside the loops, from the warm-up until the measured time is up (then the token is cancelled).</summary>
    public Func<CancellationToken, Task>? Beside { get; init; }

    /// <summary>Called with true just before the measured time and with false just after it.</summary>
    public Action<bool>? Measuring { get; init; }
}

internal sealed record ScenarioResult(string Name, int Requests, int Errors, double Seconds, IReadOnlyList<double> SortedLatenciesMs, string? FirstError, CpuSample Cpu)
{
    public double Throughput => Requests / Seconds;

    /// <summary>CPU milliseconds per request in this process (app + load generator) and in PostgreSQL.</summary>
    public CpuSample CpuPerRequestMs => new(1000 * Cpu.Process / Math.Max(1, Requests), 1000 * Cpu.Postgres / Math.Max(1, Requests));

    public double Percentile(double p) =>
        SortedLatenciesMs.Count == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * SortedLatenciesMs.Count) - 1, 0, SortedLatenciesMs.Count - 1)];

    public double Max => SortedLatenciesMs.Count == 0 ? double.NaN : SortedLatenciesMs[^1];

    public static ScenarioResult Combine(string name, ScenarioResult a, ScenarioResult b) =>
        new(name, a.Requests + b.Requests, a.Errors + b.Errors, a.Seconds + b.Seconds,
            [.. a.SortedLatenciesMs.Concat(b.SortedLatenciesMs).Order()], a.FirstError ?? b.FirstError,
            new CpuSample(a.Cpu.Process + b.Cpu.Process, a.Cpu.Postgres + b.Cpu.Postgres));
}

/// <summary>
/// Closed-loop load over loopback: each signed-in client sends a request, awaits the whole response, and sends the next
/// at once (no think time), until the time is up. Only 200 answers count as requests; anything else (another status, a
/// timeout, a broken connection) is an error, also during the unmeasured warm-ups (<see cref="UnmeasuredErrors"/>).
/// </summary>
internal static partial class LoadRunner
{
    private static int unmeasuredErrors;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Failed requests of the warm-ups, which are not in any scenario's figures but count in the run's total.</summary>
    public static int UnmeasuredErrors => Volatile.Read(ref unmeasuredErrors);

    /// <summary>The antiforgery token of the first form of an HTML page.</summary>
    public static string FormToken(string html, string path)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    public static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Signs in the way a browser does: the login page for its antiforgery token and cookie, then the form POST.</summary>
    public static async Task SignInAsync(HttpClient client, string slug, string email, string password, CancellationToken cancellationToken)
    {
        var path = $"/{slug}/account/login";
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = FormToken(html, path),
        });
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {email} answered {(int)response.StatusCode}, not a redirect.");
        }
    }

    /// <summary>Load that is not measured (a warm-up); its failed requests count in <see cref="UnmeasuredErrors"/>.</summary>
    public static async Task WarmUpAsync(Scenario scenario, IReadOnlyList<HttpClient> clients, TimeSpan duration, int seed, CancellationToken cancellationToken)
    {
        var unmeasured = await RunClientsAsync(scenario, clients, duration, seed, cancellationToken);
        Interlocked.Add(ref unmeasuredErrors, unmeasured.Sum(c => c.Errors));
    }

    public static async Task<ScenarioResult> RunAsync(
        Scenario scenario, IReadOnlyList<HttpClient> clients, TimeSpan warmup, TimeSpan duration, int seed, CpuMeter cpu, CancellationToken cancellationToken)
    {
        using var stopBeside = new CancellationTokenSource();
        var beside = scenario.Beside is { } besideLoad ? Task.Run(() => besideLoad(stopBeside.Token), cancellationToken) : Task.CompletedTask;
        if (warmup > TimeSpan.Zero)
        {
            await WarmUpAsync(scenario, clients, warmup, seed + 1000, cancellationToken);
        }

        scenario.Measuring?.Invoke(true);
        var cpuBefore = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        var perClient = await RunClientsAsync(scenario, clients, duration, seed, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuUsed = cpu.Read() - cpuBefore;
        scenario.Measuring?.Invoke(false);
        await stopBeside.CancelAsync();
        await beside;
        return new ScenarioResult(
            scenario.Name,
            perClient.Sum(c => c.Latencies.Count),
            perClient.Sum(c => c.Errors),
            seconds,
            [.. perClient.SelectMany(c => c.Latencies).Order()],
            perClient.Select(c => c.FirstError).FirstOrDefault(e => e is not null),
            cpuUsed);
    }

    private static Task<ClientResult[]> RunClientsAsync(
        Scenario scenario, IReadOnlyList<HttpClient> clients, TimeSpan duration, int seed, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(clients.Select((client, i) => Task.Run(() => ClientLoopAsync(scenario, client, deadline, new Random(seed + i), cancellationToken), cancellationToken)));
    }

    private static async Task<ClientResult> ClientLoopAsync(Scenario scenario, HttpClient client, long deadline, Random random, CancellationToken cancellationToken)
    {
        var result = new ClientResult();
        // The body is read to its end into one reused buffer, as a load generator such as wrk does: buffering each response
        // (ResponseContentRead) grew a MemoryStream by doubling, ~120 KB of garbage per 30 KB page in the app's own process.
        var sink = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var path = scenario.NextPath(random);
            var sender = scenario.SignedIn is { } signedIn ? signedIn[random.Next(signedIn.Count)] : client;
            try
            {
                var (status, elapsed) = await TimedGetAsync(sender, path, sink, cancellationToken);
                if (status == HttpStatusCode.OK)
                {
                    result.Latencies.Add(elapsed);
                }
                else
                {
                    result.Errors++;
                    result.FirstError ??= $"GET {path} answered {(int)status}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                result.Errors++;
                result.FirstError ??= $"GET {path}: {e.Message}";
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                result.Errors++;
                result.FirstError ??= $"GET {path}: timed out ({e.Message})";
            }
        }

        return result;
    }

    /// <summary>One GET, its body read to the end into <paramref name="sink"/>; the status and the milliseconds it took.</summary>
    public static async Task<(HttpStatusCode Status, double Milliseconds)> TimedGetAsync(HttpClient client, string path, byte[] sink, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            while (await body.ReadAsync(sink, cancellationToken) > 0)
            {
            }
        }

        return (response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private sealed class ClientResult
    {
        public List<double> Latencies { get; } = new(4096);
        public int Errors { get; set; }
        public string? FirstError { get; set; }
    }
}

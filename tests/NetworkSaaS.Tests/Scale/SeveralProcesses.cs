using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkSaaS.Tests.Scale;

/// <summary>
/// Two web processes (`--role web`, each on its own Kestrel port) and two worker processes (`--role worker`) of the built
/// app, started as separate OS processes on ONE fresh database, configured as in production (environment variables, the
/// same data-protection certificate). The test process also hosts the app in-process on the same database, in the web
/// role, only to create companies and users and to read the database: every request a test checks goes to a web
/// process over real HTTP. Started once for the test class (a process start takes seconds); tests use their own companies.
/// </summary>
public sealed class SeveralProcesses(IMessageSink sink) : IAsyncLifetime
{
    /// <summary>Short, so a killed worker's job comes back within the test; the workers renew it while they run it.</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Wrong passwords one account may try per window, across both web processes together.</summary>
    public const int SignInsPerAccount = 3;

    private readonly PostgresCluster _cluster = new();
    private readonly ITestOutputHelper _log = new SinkOutput(sink);
    private readonly List<WorkerProcess> _workers = [];
    private readonly string _mail = Path.Combine(Path.GetTempPath(), $"networksaas-processes-mail-{Guid.NewGuid():N}");
    private TestApp? _app;
    private DatabaseConnections? _database;
    private int _started;

    public TestApp App => _app ?? throw new InvalidOperationException("Started in InitializeAsync.");
    public WorkerProcess WebA { get; private set; } = null!;
    public WorkerProcess WebB { get; private set; } = null!;
    public Uri AddressA { get; private set; } = null!;
    public Uri AddressB { get; private set; } = null!;
    public IReadOnlyList<WorkerProcess> Workers => _workers;
    public JobStorage Storage => App.Services.GetRequiredService<JobStorage>();
    public string SuperUserConnectionString => _cluster.SuperUserConnectionString(new NpgsqlConnectionStringBuilder(_database!.App).Database!);

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _database = await _cluster.CreateDatabaseAsync();
        _app = new TestApp(_database);
        _ = _app.Server;
        // The key ring's first key exists before the processes start, as after a deployment's first process. (Two processes
        // making a first key at the same moment also settle: a process reloads the ring when it meets an unknown key
        // in its first minutes; the test does not rely on that.)
        _ = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("several-processes").Protect("first key");

        var web = WebSettings();
        WebA = WorkerProcess.Start("web-A", _database, web, _log, role: "web");
        WebB = WorkerProcess.Start("web-B", _database, web, _log, role: "web");
        var first = StartWorker();
        var second = StartWorker();
        AddressA = await WebA.ListeningAddressAsync();
        AddressB = await WebB.ListeningAddressAsync();
        await Task.WhenAll(WaitUntilServingAsync(first), WaitUntilServingAsync(second));
    }

    /// <summary>A browser: one cookie jar, with a client for each web process (one host name, as behind a load balancer).</summary>
    public Browser NewBrowser() => new(AddressA, AddressB);

    /// <summary>Starts another worker process (e.g. to replace a killed one) and waits until it takes jobs.</summary>
    public async Task<WorkerProcess> AddWorkerAsync()
    {
        var worker = StartWorker();
        await WaitUntilServingAsync(worker);
        return worker;
    }

    private WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start($"worker-{Interlocked.Increment(ref _started)}", _database!, new Dictionary<string, string>
        {
            ["Jobs:InvisibilityTimeout"] = InvisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Email:PickupDirectory"] = _mail,
        }, _log);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>
    /// Waits until the worker's Hangfire server runs. The recurring jobs the workers declare stay: they may run during a
    /// test, as in production, and the tests only look at the jobs and rows they made themselves.
    /// </summary>
    private Task WaitUntilServingAsync(WorkerProcess worker) => worker.WaitUntilServingAsync(Storage);

    private Dictionary<string, string> WebSettings() => new()
    {
        ["AllowedHosts"] = "localhost",
        ["Passkeys:ServerDomain"] = "networksaas.test",
        ["Email:PickupDirectory"] = _mail,
        // The tests talk plain http to the machine itself (see the auth cookie in deploy/runbooks/account-security.md).
        [Web.Features.Accounts.Sessions.AuthCookie.OverPlainHttpSetting] = "true",
        ["RateLimits:SignIn:PerAccount"] = SignInsPerAccount.ToString(CultureInfo.InvariantCulture),
        // Every test signs in from 127.0.0.1: the per-address limit must not end the class early.
        ["RateLimits:SignIn:PerAddress"] = "10000",
    };

    public async Task DisposeAsync()
    {
        foreach (var process in _workers.Append(WebA).Append(WebB).Where(p => p is not null))
        {
            await process.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    /// <summary>The processes' output for the run's diagnostic messages (a class fixture has no test output).</summary>
    private sealed class SinkOutput(IMessageSink sink) : ITestOutputHelper
    {
        public void WriteLine(string message) => sink.OnMessage(new DiagnosticMessage(message));

        public void WriteLine(string format, params object[] args) => sink.OnMessage(new DiagnosticMessage(format, args));
    }
}

/// <summary>One browser's cookie jar, and an HttpClient on it for each of the two web processes.</summary>
public sealed class Browser : IDisposable
{
    public Browser(Uri addressA, Uri addressB)
    {
        A = Client(addressA);
        B = Client(addressB);
    }

    public CookieContainer Jar { get; } = new();
    public HttpClient A { get; }
    public HttpClient B { get; }

    private HttpClient Client(Uri address) =>
        new(new HttpClientHandler { CookieContainer = Jar, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}

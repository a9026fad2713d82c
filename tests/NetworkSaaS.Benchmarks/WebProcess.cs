using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NetworkSaaS.Web.Features.Diagnostics;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The built app as its own OS process, as deployed: <c>dotnet NetworkSaaS.Web.dll --role web</c> on a loopback port, on
/// the benchmark's database, in a production-like environment (no developer pages, warnings-only logging). Its output
/// goes to a log file next to the data; it is killed (with its children) when disposed.
/// </summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebProcess(Process process, Uri baseAddress, string logFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
    }

    public Uri BaseAddress { get; }
    public string LogFile { get; }
    public int ProcessId => _process.Id;

    /// <summary>
    /// The settings every benchmark host needs outside Development, shared by the in-process app and the OS processes: a
    /// data-protection certificate (one file, so every process reads the keys the others wrote), a base URL and a passkey
    /// domain (checked at start, unused here), the bare baseline page, the auth cookie over plain http, and sign-in limits
    /// raised for the dozens of sign-ins of one run from one loopback address.
    /// </summary>
    public static Dictionary<string, string> Settings(DatabaseConnections connections, string root) => new()
    {
        ["ConnectionStrings:App"] = connections.App,
        ["ConnectionStrings:Owner"] = connections.Owner,
        ["DataProtection:Certificate:Path"] = CertificateFile(root),
        ["Email:BaseUrl"] = "http://127.0.0.1",
        ["Email:PickupDirectory"] = Path.Combine(root, "mail"),
        ["Passkeys:ServerDomain"] = "127.0.0.1",
        [BaselineModel.SettingName] = "true",
        [NetworkSaaS.Web.Features.Accounts.Sessions.AuthCookie.OverPlainHttpSetting] = "true",
        ["RateLimits:SignIn:PerAddress"] = "100000",
        ["RateLimits:SignIn:PerAccount"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    /// <summary>A self-signed certificate for the data-protection keys, made once per data folder.</summary>
    private static string CertificateFile(string root)
    {
        var path = Path.Combine(root, "data-protection.pfx");
        if (!File.Exists(path))
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=NetworkSaaS benchmark data protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        }

        return path;
    }

    /// <summary>Starts <c>dotnet NetworkSaaS.Web.dll --role web</c> and waits until /healthz answers.</summary>
    public static async Task<WebProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string root, CancellationToken ct)
    {
        var (dll, contentRoot) = FindBuiltApp();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        foreach (var argument in (string[])[dll, "--role", "web", "--environment", "Benchmark", "--contentRoot", contentRoot, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var logFile = Path.Combine(root, $"web-{name}.log");
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, baseAddress, logFile);
        try
        {
            await web.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return web;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process has exited and its log is closed.
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web process exited with {_process.ExitCode} before it answered; see {LogFile}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"The web process on {BaseAddress} did not become healthy in 3 minutes; see {LogFile}.");
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>The app built next to this benchmark (same configuration): src/NetworkSaaS.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    private static (string Dll, string ContentRoot) FindBuiltApp()
    {
        // AppContext.BaseDirectory is tests/NetworkSaaS.Benchmarks/bin/<configuration>/<tfm>/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var repository = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var contentRoot = Path.Combine(repository, "src", "NetworkSaaS.Web");
        var dll = Path.Combine(contentRoot, "bin", configuration, framework, "NetworkSaaS.Web.dll");
        return File.Exists(dll) ? (dll, contentRoot) : throw new FileNotFoundException($"The built app is not at {dll}.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>CPU seconds used so far by the process (user + system), from /proc.</summary>
    public double CpuSeconds()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using NetworkSaaS.Web.Features.Hosting;
using Xunit.Abstractions;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// The real app as a separate OS process in the worker role (`dotnet NetworkSaaS.Web.dll --role worker`) or, for the
/// several-processes tests, the web role (`--role web`, on a free Kestrel port: <see cref="ListeningAddressAsync"/>),
/// configured through environment variables as in production, on a test's database. The app's build output is copied
/// next to the test assembly by the project reference (NetworkSaaS.Web.dll with its runtimeconfig and deps files).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>Only how long a failing test waits: starts took over two minutes with parallel builds at a load average of 50 on two cores.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ITestOutputHelper _log;

    private WorkerProcess(string name, Process process, ITestOutputHelper log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <param name="settings">Configuration keys (`Section:Key`), passed as environment variables (`Section__Key`).</param>
    /// <param name="role">`worker` or `web`.</param>
    public static WorkerProcess Start(string name, DatabaseConnections database, IReadOnlyDictionary<string, string> settings, ITestOutputHelper log, string role = "worker")
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var app = Path.Combine(AppContext.BaseDirectory, "NetworkSaaS.Web.dll");
        Assert.True(
            File.Exists(app) && File.Exists(Path.ChangeExtension(app, ".runtimeconfig.json")),
            $"The web app's build output is not next to the tests ({app}); build the solution first.");

        var start = new ProcessStartInfo(DotnetHost(), [app, "--role", role])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__App"] = database.App;
        // Production refuses local base URLs and placeholder domains: the worker gets test values that are neither.
        foreach (var (key, value) in RequiredSettings.All.Append(new("Email:BaseUrl", "https://networksaas.test"))
                     .Append(new("Email:From", "NetworkSaaS <no-reply@networksaas.test>")).Append(new("AllowedHosts", "networksaas.test")))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(name, process, log);
        process.OutputDataReceived += (_, e) => worker.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Collect(e.Data);
        Assert.True(process.Start(), $"Could not start {start.FileName} {app}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until this process's Hangfire server has announced itself in the database.</summary>
    public async Task WaitUntilServingAsync(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var deadline = DateTime.UtcNow + Patience;
        while (!storage.GetMonitoringApi().Servers().Any(s => s.Name.Contains($":{Id}:", StringComparison.Ordinal)))
        {
            Assert.False(_process.HasExited, $"Worker {Name} exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{string.Join('\n', Output)}");
            Assert.True(DateTime.UtcNow < deadline, $"Worker {Name} did not start its Hangfire server within {Patience.TotalSeconds:0} s:\n{string.Join('\n', Output)}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Where a web process serves, once it does: Kestrel's "Now listening on: http://127.0.0.1:PORT", addressed as
    /// http://localhost:PORT (the host name production settings may list in AllowedHosts).
    /// </summary>
    public async Task<Uri> ListeningAddressAsync()
    {
        const string Listening = "Now listening on: ";
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (Output.FirstOrDefault(l => l.Contains(Listening, StringComparison.Ordinal)) is { } line)
            {
                var address = new Uri(line[(line.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..].Trim());
                return new UriBuilder(address) { Host = "localhost" }.Uri;
            }

            Assert.False(_process.HasExited, $"{Name} exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{string.Join('\n', Output)}");
            Assert.True(DateTime.UtcNow < deadline, $"{Name} did not listen within {Patience.TotalSeconds:0} s:\n{string.Join('\n', Output)}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to clean up (like an OOM kill or a lost node).</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await WaitForExitAsync();
    }

    /// <summary>SIGTERM: what Kubernetes, Docker or systemd send to stop a process gracefully.</summary>
    public async Task TerminateAsync()
    {
        // The shell's own kill: /bin/sh is on every machine, a kill binary (procps) is not.
        using var kill = Process.Start("/bin/sh", ["-c", $"kill -TERM {Id}"]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Worker {Name} did not write \"{text}\" within {Patience.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.WaitForExit(); // drains the output readers
        _log.WriteLine($"---- worker {Name} (pid {Id}, exit code {_process.ExitCode}) ----");
        foreach (var line in _output)
        {
            _log.WriteLine(line);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static bool IsAppSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Email__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Jobs__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dotnet executable running the tests (the tests run inside it), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}

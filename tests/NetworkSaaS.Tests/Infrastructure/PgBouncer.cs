using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// Debian's PgBouncer (/usr/sbin/pgbouncer, 1.18) in transaction pooling mode in front of the shared test cluster: one
/// process per test class, with its own ini, port and folder, started on first use. Only the app role's connection goes
/// through it, with the Npgsql settings deploy/runbooks/pgbouncer.md prescribes; the owner (migrations) connects
/// directly. Every database gets a pool of <see cref="PoolSize"/> server connections, far fewer than the app's clients.
/// </summary>
public abstract class PgBouncer(int poolSize) : IAsyncLifetime
{
    public const string Binary = "/usr/sbin/pgbouncer";
    private readonly SemaphoreSlim _starting = new(1);
    private string? _folder;
    private int _port;

    public int PoolSize { get; } = poolSize;

    /// <summary>The same databases, the app's connection through PgBouncer (the ini's Npgsql settings), the owner's direct.</summary>
    public async Task<DatabaseConnections> RouteAsync(PostgresCluster cluster, DatabaseConnections direct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(direct);
        var app = new NpgsqlConnectionStringBuilder(direct.App);
        await StartAsync(cluster.Server.Port, app.Username!, app.Password!);
        app.Port = _port;
        app.MaxAutoPrepare = 0;
        app.NoResetOnClose = true;
        return direct with { App = app.ConnectionString };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(int serverPort, string user, string password)
    {
        await _starting.WaitAsync();
        try
        {
            if (_folder is not null)
            {
                return;
            }

            var folder = Path.Combine(Path.GetTempPath(), $"networksaas-pgbouncer-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var port = FreePort();
            // auth_type trust on loopback (test only); the auth file gives PgBouncer the password it logs in to PostgreSQL with.
            await File.WriteAllTextAsync(Path.Combine(folder, "userlist.txt"), $"\"{user}\" \"{password}\"\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), string.Create(CultureInfo.InvariantCulture, $"""
                [databases]
                * = host=127.0.0.1 port={serverPort}

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = {port}
                unix_socket_dir =
                auth_type = trust
                auth_file = {folder}/userlist.txt
                pool_mode = transaction
                default_pool_size = {PoolSize}
                min_pool_size = 0
                reserve_pool_size = 0
                max_client_conn = 2000
                ignore_startup_parameters = extra_float_digits,options
                logfile = {folder}/pgbouncer.log
                pidfile = {folder}/pgbouncer.pid
                """));
            var asRoot = Environment.UserName == "root";
            if (!OperatingSystem.IsWindows() && asRoot)
            {
                // PgBouncer refuses to run as root; it runs as the postgres OS user, as the cluster does.
                File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
            }

            // The shell runs PgBouncer until this test process is gone (xunit may kill the host before any cleanup runs),
            // then stops it and deletes the folder.
            var run = asRoot ? $"runuser -u postgres -- {Binary}" : Binary;
            var script = $"{run} '{folder}/pgbouncer.ini' & bouncer=$!; " +
                $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $bouncer 2>/dev/null; do sleep 1; done; " +
                $"kill $(cat '{folder}/pgbouncer.pid' 2>/dev/null) 2>/dev/null; wait; rm -rf '{folder}'";
            using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false });
            await WaitUntilListeningAsync(port, folder);
            _folder = folder;
            _port = port;
        }
        finally
        {
            _starting.Release();
        }
    }

    private static async Task WaitUntilListeningAsync(int port, string folder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                var log = Path.Combine(folder, "pgbouncer.log");
                throw new InvalidOperationException($"PgBouncer did not start: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log")}", e);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops PgBouncer (the shell then deletes the folder).</summary>
    public async Task DisposeAsync()
    {
        var pidFile = _folder is null ? null : Path.Combine(_folder, "pgbouncer.pid");
        if (pidFile is not null && File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            try
            {
                using var bouncer = Process.GetProcessById(pid);
                bouncer.Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        _starting.Dispose();
    }
}

/// <summary>Two server connections per database: the isolation matrix and the jobs through PgBouncer.</summary>
public sealed class PgBouncerPool() : PgBouncer(2);

/// <summary>One server connection per database: every client's transactions take turns on the same backend.</summary>
public sealed class PgBouncerSingleConnection() : PgBouncer(1);

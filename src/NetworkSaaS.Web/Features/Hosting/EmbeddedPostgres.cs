using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// A private PostgreSQL cluster in a folder, run from the machine's PostgreSQL server binaries. Used by
/// `dotnet run` in development (under .data/) and by the integration tests (a throwaway folder).
/// When the process runs as root, initdb and the server run as the `postgres` OS user (PostgreSQL refuses root).
/// </summary>
public sealed class EmbeddedPostgres
{
    private const string SuperUser = "postgres";
    private readonly string _root;
    private readonly string _binDirectory;
    private readonly bool _fastUnsafe;
    private EmbeddedCredentials? _credentials;

    public EmbeddedPostgres(string root, bool fastUnsafe = false)
    {
        _root = Path.GetFullPath(root);
        _binDirectory = FindServerBinaries();
        _fastUnsafe = fastUnsafe;
    }

    public string ClusterDirectory => Path.Combine(_root, "cluster");
    public int Port => Credentials.Port;
    private string CredentialsFile => Path.Combine(_root, "credentials.json");
    private string LogFile => Path.Combine(_root, "postgres.log");

    private EmbeddedCredentials Credentials =>
        _credentials ??= JsonSerializer.Deserialize<EmbeddedCredentials>(File.ReadAllText(CredentialsFile))
                         ?? throw new InvalidOperationException($"{CredentialsFile} is unreadable.");

    /// <summary>Creates the cluster on first use, then starts it unless it already runs. Returns true when it started it.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        if (await IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var result = await RunAsServerUserAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", ClusterDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}", "start"],
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "";
            throw new InvalidOperationException($"PostgreSQL did not start (pg_ctl exit {result.ExitCode}): {result.Output}\n{log}");
        }

        return true;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (await IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            await RunAsServerUserAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", ClusterDirectory, "-m", "fast", "-w", "stop"], cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var status = await RunAsServerUserAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", ClusterDirectory, "status"], cancellationToken)
            .ConfigureAwait(false);
        return status.ExitCode == 0;
    }

    /// <summary>
    /// Creates the application roles and the database with deploy/db/roles.sql, the script a DBA runs in production.
    /// Returns the connection strings of the owner (migrations) and the app role (everything else).
    /// </summary>
    public async Task<DatabaseConnections> EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(Path.GetTempPath(), $"networksaas-roles-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, RolesScript.Read(), cancellationToken).ConfigureAwait(false);
        try
        {
            var psql = await RunAsync(
                Path.Combine(_binDirectory, "psql"),
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser, "-d", "postgres",
                    "-v", $"owner_password={Credentials.OwnerPassword}", "-v", $"app_password={Credentials.AppPassword}", "-v", $"database={database}", "-f", script],
                new Dictionary<string, string> { ["PGPASSWORD"] = Credentials.SuperUserPassword },
                cancellationToken).ConfigureAwait(false);
            if (psql.ExitCode != 0)
            {
                throw new InvalidOperationException($"Creating roles and database failed: {psql.Output}");
            }
        }
        finally
        {
            File.Delete(script);
        }

        return ConnectionsFor(database);
    }

    public DatabaseConnections ConnectionsFor(string database) => new(
        Owner: ConnectionString(database, "networksaas_owner", Credentials.OwnerPassword),
        App: ConnectionString(database, "networksaas_app", Credentials.AppPassword));

    public string SuperUserConnectionString(string database) => ConnectionString(database, SuperUser, Credentials.SuperUserPassword);

    private string ConnectionString(string database, string user, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = user,
        Password = password,
    }.ConnectionString;

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(ClusterDirectory);
        _credentials = new EmbeddedCredentials(
            FreePort(),
            RandomSecret(),
            RandomSecret(),
            RandomSecret());
        await File.WriteAllTextAsync(CredentialsFile, JsonSerializer.Serialize(_credentials), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(CredentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var passwordFile = Path.Combine(_root, "superuser.pw");
        await File.WriteAllTextAsync(passwordFile, Credentials.SuperUserPassword, cancellationToken).ConfigureAwait(false);
        if (IsRoot)
        {
            await ChownToServerUserAsync(ClusterDirectory, cancellationToken).ConfigureAwait(false);
            await ChownToServerUserAsync(passwordFile, cancellationToken).ConfigureAwait(false);
            await ChownToServerUserAsync(_root, cancellationToken, recursive: false).ConfigureAwait(false);
        }

        try
        {
            var init = await RunAsServerUserAsync(
                Path.Combine(_binDirectory, "initdb"),
                ["-D", ClusterDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken).ConfigureAwait(false);
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed: {init.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "shared_buffers = 256MB",
            "timezone = 'UTC'",
        };
        if (_fastUnsafe)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        await File.AppendAllLinesAsync(Path.Combine(ClusterDirectory, "postgresql.conf"), settings, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task ChownToServerUserAsync(string path, CancellationToken cancellationToken, bool recursive = true)
    {
        string[] arguments = recursive ? ["-R", "postgres:postgres", path] : ["postgres:postgres", path];
        var chown = await RunAsync("chown", arguments, null, cancellationToken).ConfigureAwait(false);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {path} failed: {chown.Output}");
        }
    }

    private static Task<ProcessResult> RunAsServerUserAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], null, cancellationToken)
            : RunAsync(program, arguments, null, cancellationToken);

    private static async Task<ProcessResult> RunAsync(
        string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // pg_ctl start leaves the server holding the pipes: read them without waiting for end of stream.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
        var output = stdout.IsCompletedSuccessfully && stderr.IsCompletedSuccessfully ? stdout.Result + stderr.Result : "";
        return new ProcessResult(process.ExitCode, output.Trim());
    }

    private static string FindServerBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("NETWORKSAAS_PG_BIN");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                    .ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "psql")))
               ?? throw new PostgresBinariesMissingException();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RandomSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private sealed record ProcessResult(int ExitCode, string Output);

    private sealed record EmbeddedCredentials(int Port, string SuperUserPassword, string OwnerPassword, string AppPassword);
}

public sealed record DatabaseConnections(string Owner, string App);

public sealed class PostgresBinariesMissingException : Exception
{
    public PostgresBinariesMissingException()
        : base("PostgreSQL server binaries were not found (looked for initdb, pg_ctl and psql under /usr/lib/postgresql/*/bin). " +
               "Install them with `sudo apt-get install -y postgresql` (Debian/Ubuntu), or set NETWORKSAAS_PG_BIN to the folder holding them, " +
               "or give a connection string in ConnectionStrings:App and ConnectionStrings:Owner.")
    {
    }

    public PostgresBinariesMissingException(string message)
        : base(message)
    {
    }

    public PostgresBinariesMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

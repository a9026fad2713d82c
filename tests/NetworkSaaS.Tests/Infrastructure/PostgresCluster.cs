using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (made the same way `dotnet run` makes the dev one,
/// with fsync off), a migrated template database, and a fresh copy of it for each test. Test classes run in parallel,
/// each with its own instance of this fixture; all of them share the one cluster, started by the first class that
/// needs it and stopped by a watchdog process once the test process is gone (xunit 2 has no assembly fixture, and the
/// runner kills the test host at the end of a run before exit handlers could stop a cluster).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Template = "networksaas_template";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"networksaas-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<EmbeddedPostgres>> Shared = new(StartSharedAsync);
    private static readonly SemaphoreSlim OneCopyAtATime = new(1);
    private static int _databases;

    public EmbeddedPostgres Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await Shared.Value;

    public async Task<DatabaseConnections> CreateDatabaseAsync()
    {
        var name = $"networksaas_test_{Interlocked.Increment(ref _databases)}";
        // Copies of the template are made one at a time: PostgreSQL refuses to copy a database another session is using.
        await OneCopyAtATime.WaitAsync();
        try
        {
            await CopyTemplateAsync(name);
        }
        finally
        {
            OneCopyAtATime.Release();
        }

        return Server.ConnectionsFor(name);
    }

    private async Task CopyTemplateAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Server.SuperUserConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE DATABASE {name} TEMPLATE {Template} OWNER networksaas_owner;
            """, connection);
        await command.ExecuteNonQueryAsync();
        await using var grant = new NpgsqlCommand($"REVOKE ALL ON DATABASE {name} FROM PUBLIC; GRANT CONNECT ON DATABASE {name} TO networksaas_app;", connection);
        await grant.ExecuteNonQueryAsync();
    }

    public string SuperUserConnectionString(string database) => Server.SuperUserConnectionString(database);

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<EmbeddedPostgres> StartSharedAsync()
    {
        var server = new EmbeddedPostgres(Root, fastUnsafe: true);
        await server.StartAsync();
        StopWhenThisProcessIsGone(server);
        var template = await server.EnsureDatabaseAsync(Template);
        await DatabaseMigrator.MigrateAsync(template.Owner);
        // CREATE DATABASE … TEMPLATE refuses a template with open connections.
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    /// <summary>A shell that waits for this process to end, then stops the cluster (fast shutdown) and deletes its folder.</summary>
    private static void StopWhenThisProcessIsGone(EmbeddedPostgres server)
    {
        var pidFile = Path.Combine(server.ClusterDirectory, "postmaster.pid");
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"kill -INT $(head -n 1 '{pidFile}'); while [ -e '{pidFile}' ]; do sleep 1; done; rm -rf '{Root}'";
        using var watchdog = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false });
    }
}

/// <summary>
/// <c>[Collection(PostgresTests.Name)]</c> runs a class one at a time, after the parallel part of the run: only for the
/// classes whose timing must not compete with other tests (OS worker processes stopped and killed on a schedule, with
/// their own patience), and for a test of the one process-wide Hangfire log provider. A class that runs a Hangfire server
/// in the test process needs no such thing: each app has its own storage, activator and filters (JobsSetup), and
/// Hangfire's static log provider routes to the apps still alive (HangfireLogRouting) — left on a disposed app's logging,
/// Hangfire components made later by another app threw (an enqueue answered 500, a worker lost its jobs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresTests
{
    public const string Name = "postgres";
}

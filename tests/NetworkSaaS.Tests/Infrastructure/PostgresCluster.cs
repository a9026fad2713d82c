using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (made the same way `dotnet run` makes the dev one,
/// with fsync off), a migrated template database, and a fresh copy of it for each test class.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Template = "networksaas_template";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"networksaas-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private int _databases;

    public EmbeddedPostgres Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = new EmbeddedPostgres(_root, fastUnsafe: true);
        await Server.StartAsync();
        var template = await Server.EnsureDatabaseAsync(Template);
        await DatabaseMigrator.MigrateAsync(template.Owner);
        NpgsqlConnection.ClearAllPools();
    }

    public async Task<DatabaseConnections> CreateDatabaseAsync()
    {
        var name = $"networksaas_test_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(Server.SuperUserConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE DATABASE {name} TEMPLATE {Template} OWNER networksaas_owner;
            """, connection);
        await command.ExecuteNonQueryAsync();
        await using var grant = new NpgsqlCommand($"REVOKE ALL ON DATABASE {name} FROM PUBLIC; GRANT CONNECT ON DATABASE {name} TO networksaas_app;", connection);
        await grant.ExecuteNonQueryAsync();
        return Server.ConnectionsFor(name);
    }

    public string SuperUserConnectionString(string database) => Server.SuperUserConnectionString(database);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

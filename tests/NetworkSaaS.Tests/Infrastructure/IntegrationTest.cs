using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// Each test gets a fresh database (a copy of the migrated template) and its own app instance, unless its class shares
/// one per class (<see cref="ClassAppTest"/>). Test classes run in parallel (each its own xunit collection) on the one
/// shared cluster.
/// </summary>
public abstract class IntegrationTest(PostgresCluster cluster) : IAsyncLifetime, IClassFixture<PostgresCluster>
{
    private TestApp? _app;

    protected PostgresCluster Cluster { get; } = cluster;

    protected TestApp App => _app ?? throw new InvalidOperationException("The app starts in InitializeAsync.");

    /// <summary>This test's database as the cluster's superuser, which no policy applies to.</summary>
    protected string SuperUserConnectionString => Cluster.SuperUserConnectionString(new NpgsqlConnectionStringBuilder(App.Connections.App).Database!);

    /// <summary>Offboards a company as a platform operator would: its row deleted as the superuser, everything it owns by cascade.</summary>
    protected async Task DeleteTenantAsSuperuserAsync(Guid tenantId)
    {
        await using var superuser = new NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await using var delete = new NpgsqlCommand($"DELETE FROM tenants WHERE id = '{tenantId}'", superuser);
        Assert.Equal(1, await delete.ExecuteNonQueryAsync());
    }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Replaces services of the app under test (e.g. a <see cref="SettableClock"/> as the TimeProvider).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>True for browser tests: the app listens on a real Kestrel port instead of the in-memory test server.</summary>
    protected virtual bool ListensOnRealPort => false;

    /// <summary>The connections the app gets for this test's database; a subclass may route them (e.g. through PgBouncer).</summary>
    protected virtual Task<DatabaseConnections> ConnectAsync(DatabaseConnections direct) => Task.FromResult(direct);

    public virtual async Task InitializeAsync() => _app = await AppForThisTestAsync();

    /// <summary>The app this test runs against: its own (a fresh database), unless the class shares one.</summary>
    private protected virtual Task<TestApp> AppForThisTestAsync() => StartAppAsync(ConfigureServices);

    /// <summary>A fresh database and the app on it, with this class's settings and <paramref name="configureServices"/>.</summary>
    private protected async Task<TestApp> StartAppAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> configureServices)
    {
        var connections = await ConnectAsync(await Cluster.CreateDatabaseAsync());
        var app = new TestApp(connections, Settings, configureServices);
        if (ListensOnRealPort)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        else
        {
            _ = app.Server;
        }

        return app;
    }

    /// <summary>False when the app outlives this test (its class shares one, <see cref="ClassAppTest"/>).</summary>
    private protected virtual bool OwnsApp => true;

    public virtual async Task DisposeAsync()
    {
        if (_app is not null && OwnsApp)
        {
            await _app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
        }
    }
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>The isolation matrix again, the app's connection through PgBouncer in transaction mode (two server connections).</summary>
public sealed class TenantIsolationThroughPgBouncerTests(PostgresCluster cluster, PgBouncerPool pgBouncer)
    : TenantIsolationTests(cluster), IClassFixture<PgBouncerPool>
{
    protected override Task<DatabaseConnections> ConnectAsync(DatabaseConnections direct) => pgBouncer.RouteAsync(Cluster, direct);
}

/// <summary>The cross-tenant row-level security tests again, the app role's connections through PgBouncer in transaction mode.</summary>
public sealed class RowLevelSecurityThroughPgBouncerTests(PostgresCluster cluster, PgBouncerPool pgBouncer)
    : RowLevelSecurityTests(cluster), IClassFixture<PgBouncerPool>
{
    protected override Task<DatabaseConnections> ConnectAsync(DatabaseConnections direct) => pgBouncer.RouteAsync(Cluster, direct);
}

/// <summary>Hangfire's storage through PgBouncer too: a real server picks the import job up and runs it to the end.</summary>
public sealed class LargeImportThroughPgBouncerTests(PostgresCluster cluster, PgBouncerPool pgBouncer)
    : LargeImportTests(cluster), IClassFixture<PgBouncerPool>
{
    protected override Task<DatabaseConnections> ConnectAsync(DatabaseConnections direct) => pgBouncer.RouteAsync(Cluster, direct);
}

/// <summary>
/// One server connection per database behind PgBouncer, many clients: two tenants' requests (and a client with no tenant)
/// take turns on the same PostgreSQL backend, on purpose, and none ever sees another's rows.
/// </summary>
public sealed class PgBouncerTransactionPoolingTests(PostgresCluster cluster, PgBouncerSingleConnection pgBouncer)
    : IntegrationTest(cluster), IClassFixture<PgBouncerSingleConnection>
{
    protected override Task<DatabaseConnections> ConnectAsync(DatabaseConnections direct) => pgBouncer.RouteAsync(Cluster, direct);

    [Fact]
    public async Task Two_tenants_interleaved_on_one_server_connection_each_see_only_their_own_rows()
    {
        var (alpha, bravo) = await TwoTenantsAsync();
        await using var alphaScope = App.Services.CreateAsyncScope();
        await using var bravoScope = App.Services.CreateAsyncScope();
        alphaScope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(alpha);
        bravoScope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(bravo);
        var alphaDb = alphaScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bravoDb = bravoScope.ServiceProvider.GetRequiredService<AppDbContext>();

        // Two client connections, opened one after the other before either runs a query: a tenant set for the session
        // when a connection opens (as it once was) would be bravo's on the one backend when alpha's query runs.
        await alphaDb.Database.OpenConnectionAsync();
        await bravoDb.Database.OpenConnectionAsync();
        var backends = new HashSet<int>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (db, tenant, contacts) in new[] { (alphaDb, alpha, 2), (bravoDb, bravo, 1) })
            {
                backends.Add(await BackendAsync(db));
                // The EF filter is off: only row-level security, so only the tenant setting, stands between the tenants.
                Assert.Equal([tenant.Id], await db.Contacts.IgnoreQueryFilters().Select(c => c.TenantId).Distinct().ToListAsync());
                Assert.Equal(contacts, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM contacts").SingleAsync());
                Assert.Equal(contacts, await db.Contacts.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(c => c.Depth, c => c.Depth)));
                Assert.Equal((long)contacts, await ScalarThroughEfAsync(db, "SELECT count(*) FROM contacts"));
                db.Departments.Add(new Department { Name = $"Round {round}" });
                await db.SaveChangesAsync();
                await using (var transaction = await db.Database.BeginTransactionAsync())
                {
                    Assert.Equal([tenant.Id], await db.Departments.IgnoreQueryFilters().Select(d => d.TenantId).Distinct().ToListAsync());
                    await transaction.CommitAsync();
                }
            }
        }

        Assert.Single(backends);

        // A client with no tenant, after both tenants used the backend, sees nothing and finds no tenant set.
        await using var noTenant = new NpgsqlConnection(App.Connections.App);
        await noTenant.OpenAsync();
        var (backend, visible, setting) = await NoTenantViewAsync(noTenant);
        Assert.Equal(backends.Single(), backend);
        Assert.Equal(0L, visible);
        Assert.Equal("", setting);

        // Npgsql cannot put a statement before one with positional parameters: such a command fails, it never runs
        // without the tenant (EF names the parameter, so $1 binds nothing; a command still positional is refused first).
        foreach (var positional in new Func<Task>[]
                 {
                     () => alphaDb.Database.SqlQueryRaw<int>("SELECT $1 AS \"Value\"", new NpgsqlParameter { Value = 1 }).ToListAsync(),
                     () => alphaDb.Database.ExecuteSqlRawAsync("UPDATE contacts SET depth = depth WHERE depth = $1", new NpgsqlParameter { Value = 1 }),
                 })
        {
            var error = await Record.ExceptionAsync(positional);
            Assert.True(error is InvalidOperationException or PostgresException { SqlState: PostgresErrorCodes.ProtocolViolation }, error?.ToString());
        }
    }

    [Fact]
    public async Task Concurrent_requests_of_two_tenants_and_a_client_without_one_share_one_server_connection_and_never_mix()
    {
        var (alpha, bravo) = await TwoTenantsAsync();
        var alphaClient = await App.SignInAsync("alpha", "admin@alpha.test");
        var bravoClient = await App.SignInAsync("bravo", "admin@bravo.test");
        var backends = new ConcurrentBag<int>();

        async Task PagesAsync(HttpClient client, string slug, string own, string other)
        {
            for (var i = 0; i < 8; i++)
            {
                var page = await client.GetStringAsync($"/{slug}/contacts");
                Assert.Contains(own, page, StringComparison.Ordinal);
                Assert.DoesNotContain(other, page, StringComparison.Ordinal);
            }
        }

        async Task QueriesAsync(ITenantInfo tenant)
        {
            for (var i = 0; i < 8; i++)
            {
                await App.InTenantAsync(tenant, async sp =>
                {
                    var db = sp.GetRequiredService<AppDbContext>();
                    backends.Add(await BackendAsync(db));
                    Assert.Equal([tenant.Id], await db.Contacts.IgnoreQueryFilters().Select(c => c.TenantId).Distinct().ToListAsync());
                    return 0;
                });
            }
        }

        async Task WithoutTenantAsync()
        {
            for (var i = 0; i < 8; i++)
            {
                await using var connection = new NpgsqlConnection(App.Connections.App);
                await connection.OpenAsync();
                var (backend, visible, setting) = await NoTenantViewAsync(connection);
                backends.Add(backend);
                Assert.Equal(0L, visible);
                Assert.Equal("", setting);
            }
        }

        await Task.WhenAll(
            PagesAsync(alphaClient, "alpha", "Alphason", "Bravoson"), PagesAsync(bravoClient, "bravo", "Bravoson", "Alphason"),
            QueriesAsync(alpha), QueriesAsync(bravo), QueriesAsync(alpha), QueriesAsync(bravo),
            WithoutTenantAsync(), WithoutTenantAsync());
        Assert.Single(backends.Distinct());
    }

    [Fact]
    public void No_code_sets_the_tenant_for_the_session()
    {
        var sessionLevel = new Regex(@"set_config\(\s*'app\.tenant_id'[^;]*,\s*false\s*\)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5));
        var root = Repository.Root();
        var offenders = new[] { "src", "seeds", "migrations", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && sessionLevel.IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(root, file))
            .ToList();
        Assert.Empty(offenders);
    }

    private async Task<(Tenant Alpha, Tenant Bravo)> TwoTenantsAsync()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo");
        await App.CreateContactAsync(alpha, adminA.Id, "Alphason", "Ann");
        await App.CreateContactAsync(alpha, adminA.Id, "Alphason", "Abe");
        await App.CreateContactAsync(bravo, adminB.Id, "Bravoson", "Bea");
        return (alpha, bravo);
    }

    private static Task<int> BackendAsync(AppDbContext db) =>
        db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    /// <summary>EF's ExecuteScalar path (EF itself uses it outside queries), through the same interceptor.</summary>
    private static async Task<object?> ScalarThroughEfAsync(AppDbContext db, string sql) =>
        await db.GetService<IRawSqlCommandBuilder>().Build(sql).ExecuteScalarAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), null, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()));

    private static async Task<(int Backend, long Visible, string Setting)> NoTenantViewAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_backend_pid(), (SELECT count(*) FROM contacts) + (SELECT count(*) FROM users), coalesce(current_setting('app.tenant_id', true), '')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// The app's pooled connections are handed on without Npgsql's reset (No Reset On Close): nothing a tenant's request
/// leaves on a connection may reach the next user of it — no tenant setting, no open transaction, no uncommitted row.
/// Its DbContexts come from EF's pool too: each answers only for the scope it is lent to.
/// </summary>
public sealed class PooledConnectionTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task The_app_pool_does_not_reset_connections_and_keeps_prepared_statements()
    {
        var used = await App.InTenantAsync(await TenantAsync(), sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Database.GetConnectionString()!));
        var settings = new NpgsqlConnectionStringBuilder(used);
        Assert.True(settings.NoResetOnClose);
        Assert.True(settings.MaxAutoPrepare > 0);
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_tenant_transaction_reaches_the_next_user_clean()
    {
        var tenant = await TenantAsync();
        var used = await App.InTenantAsync(tenant, sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Database.GetConnectionString()!));
        var oneConnection = new NpgsqlConnectionStringBuilder(used) { MaxPoolSize = 1, ApplicationName = "pooled-connection-test" }.ConnectionString;
        // A data source of its own: the other test classes running beside this one clear Npgsql's global pools
        // (NpgsqlConnection.ClearAllPools) when their apps stop, which once closed this pool's one connection between
        // the two uses below.
        await using var pool = NpgsqlDataSource.Create(oneConnection);

        int backend;
        await using (var first = await pool.OpenConnectionAsync())
        {
            var transaction = await first.BeginTransactionAsync();
            await using var work = new NpgsqlCommand(
                $"SELECT set_config('{TenantSetting.Name}', '{TenantSetting.Value(tenant.Id)}', true); " +
                "UPDATE contacts SET display_name = 'Left behind' WHERE true", first, transaction);
            await work.ExecuteNonQueryAsync();
            await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", first, transaction);
            backend = (int)(await pid.ExecuteScalarAsync())!;
            // Closed with the transaction still open, as an exception in a request would leave it.
        }

        await using var next = await pool.OpenConnectionAsync();
        await using var look = new NpgsqlCommand(
            "SELECT pg_backend_pid(), coalesce(current_setting('app.tenant_id', true), ''), (SELECT count(*) FROM contacts), pg_current_xact_id_if_assigned() IS NULL",
            next);
        await using var reader = await look.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(backend, reader.GetInt32(0)); // the same server connection, reused without a reset
        Assert.Equal("", reader.GetString(1));
        Assert.Equal(0L, reader.GetInt64(2));
        Assert.True(reader.GetBoolean(3));
        await reader.DisposeAsync();

        await using var superuser = new NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await using var kept = new NpgsqlCommand("SELECT count(*) FROM contacts WHERE display_name = 'Left behind'", superuser);
        Assert.Equal(0L, (long)(await kept.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_pooled_context_answers_only_for_the_scope_it_is_lent_to()
    {
        var (alpha, _) = await App.CreateTenantAsync("pool-alpha");
        var (bravo, _) = await App.CreateTenantAsync("pool-bravo");

        AppDbContext lentToAlpha;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Core.Features.Tenancy.ITenantContextAccessor>().SetTenant(alpha);
            lentToAlpha = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(alpha.Id, lentToAlpha.CurrentTenantId);
        }

        // Given back: until a scope takes it again it answers for no tenant at all, not for alpha.
        Assert.Throws<InvalidOperationException>(() => lentToAlpha.CurrentTenantId);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Core.Features.Tenancy.ITenantContextAccessor>().SetTenant(bravo);
            var lentToBravo = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(bravo.Id, lentToBravo.CurrentTenantId);
            Assert.Equal([bravo.Id], await lentToBravo.Users.Select(u => u.TenantId).Distinct().ToListAsync());
            Assert.Equal([bravo.Id], await lentToBravo.ReadAsync("SELECT DISTINCT tenant_id FROM users", [], r => r.GetGuid(0), CancellationToken.None));
        }

        // A context taken from the pool without a scope has no tenant context and refuses rather than guess one.
        await using var unbound = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Throws<InvalidOperationException>(() => unbound.CurrentTenantId);
    }

    private async Task<Core.Features.Tenancy.Tenant> TenantAsync()
    {
        var (tenant, admin) = await App.CreateTenantAsync("pooled");
        await App.CreateContactAsync(tenant, admin.Id, "Pooledson", "Pia");
        return tenant;
    }
}

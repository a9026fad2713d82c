using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Tests.Platform;

/// <summary>The embedded development database: created once, reused by the next run, stopped cleanly.</summary>
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task A_second_start_reuses_the_cluster_and_its_data()
    {
        var root = Path.Combine(Path.GetTempPath(), $"networksaas-embedded-{Guid.NewGuid():N}");
        try
        {
            var first = new EmbeddedPostgres(root, fastUnsafe: true);
            Assert.True(await first.StartAsync());
            Assert.False(await first.StartAsync());
            var connections = await first.EnsureDatabaseAsync("reuse_check");
            await ExecuteAsync(connections.Owner, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here');");
            await first.StopAsync();
            NpgsqlConnection.ClearAllPools();

            var second = new EmbeddedPostgres(root);
            Assert.True(await second.StartAsync());
            Assert.Equal(first.Port, second.Port);
            var again = await second.EnsureDatabaseAsync("reuse_check");
            Assert.Equal("still here", await ExecuteAsync(again.Owner, "SELECT value FROM kept"));
            await second.StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// Every figure is measured with PostgreSQL as durable as it is deployed: fsync, synchronous_commit and full_page_writes
/// on. ALTER SYSTEM (postgresql.auto.conf) overrides what an older benchmark cluster kept in --data has in
/// postgresql.conf (it was made with the three off); the run waits until a new session sees them on and prints them.
/// </summary>
internal static class DurableSettings
{
    private static readonly string[] Names = ["fsync", "synchronous_commit", "full_page_writes"];

    public static async Task EnsureAsync(EmbeddedPostgres postgres, CancellationToken ct)
    {
        // Unpooled: each look is a new session, which sees the reloaded settings.
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.SuperUserConnectionString("postgres")) { Pooling = false }.ConnectionString;
        if ((await ShowAsync(connectionString, ct)).Any(s => s.Value != "on"))
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                foreach (var name in Names)
                {
                    await using var set = new NpgsqlCommand($"ALTER SYSTEM SET {name} = on", connection);
                    await set.ExecuteNonQueryAsync(ct);
                }

                await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
                await reload.ExecuteNonQueryAsync(ct);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await ShowAsync(connectionString, ct)).Any(s => s.Value != "on"))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("PostgreSQL did not turn fsync, synchronous_commit and full_page_writes on within 30 s.");
                }

                await Task.Delay(200, ct);
            }
        }

        var shown = await ShowAsync(connectionString, ct);
        Console.WriteLine($"PostgreSQL {await VersionAsync(connectionString, ct)}, durable: {string.Join(", ", shown.Select(s => $"{s.Name}={s.Value}"))}");
    }

    private static async Task<List<(string Name, string Value)>> ShowAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var shown = new List<(string, string)>();
        foreach (var name in Names)
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            shown.Add((name, (string)(await show.ExecuteScalarAsync(ct))!));
        }

        return shown;
    }

    private static async Task<string> VersionAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var show = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await show.ExecuteScalarAsync(ct))!;
    }
}

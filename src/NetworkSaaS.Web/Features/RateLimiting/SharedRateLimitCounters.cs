using Npgsql;

namespace NetworkSaaS.Web.Features.RateLimiting;

/// <summary>
/// Fixed-window counters in PostgreSQL (rate_limit_counters), shared by every web process: one statement counts a
/// request and returns the window's count. Windows are aligned to the database's clock (one clock for all processes),
/// so a window of 5 minutes runs 10:00–10:05, 10:05–10:10… The row of a window is deleted by the hourly sweep once the
/// window has ended (<see cref="DeleteExpiredAsync"/>).
/// </summary>
public sealed class SharedRateLimitCounters(string connectionString)
{
    private const string CountSql = """
        WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now())::float8 / $2) * $2) AS start)
        INSERT INTO rate_limit_counters AS c (key, window_start, count, expires_at)
        SELECT $1, w.start, 1, w.start + make_interval(secs => $2) FROM w
        ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
        RETURNING c.count, extract(epoch FROM c.expires_at - now())::float8
        """;

    /// <summary>Counts one request in the current window of <paramref name="key"/>.</summary>
    /// <returns>The window's count including this request, and the time left until the window ends.</returns>
    public async Task<(int Count, TimeSpan Remaining)> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(CountSql, connection)
        {
            Parameters = { new NpgsqlParameter { Value = key }, new NpgsqlParameter { Value = window.TotalSeconds } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))));
    }

    /// <summary>Deletes the rows of windows that have ended (run by the hourly sweep).</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM rate_limit_counters WHERE expires_at <= now()", connection);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Npgsql;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// A fingerprint of every table of the application's schema, read as the superuser (no policy hides a row), to prove
/// that a refused request changed nothing anywhere, not only in the rows a test thought of.
/// </summary>
internal static class DatabaseSnapshot
{
    /// <summary>
    /// Tables that record the request itself rather than the company's data: the shared rate-limit counters count a
    /// limited POST before authorization refuses it, as they must (a refused attempt is still an attempt).
    /// </summary>
    private static readonly string[] RequestRecords = ["rate_limit_counters"];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string superUserConnectionString)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Except(RequestRecords, StringComparer.Ordinal))
        {
            await using var hash = new NpgsqlCommand(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM public.\"{table}\" t", connection);
            fingerprints[table] = (string)(await hash.ExecuteScalarAsync())!;
        }

        return fingerprints;
    }

    public static void AssertUnchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string what)
    {
        var changed = before.Keys.Union(after.Keys)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(changed.Count == 0, $"{what} changed the tables [{string.Join(", ", changed)}]");
    }
}

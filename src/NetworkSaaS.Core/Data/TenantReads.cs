using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NetworkSaaS.Core.Data;

/// <summary>
/// One read statement on the context's connection, past EF's query pipeline, for the statements a request runs every
/// time (the session check, the version checks of My network and discovery). EF cannot cache the SQL of a raw-SQL query
/// with parameters: it generated it again on every execution, under a lock all requests share, and a LINQ query builds
/// and funcletizes its expression tree each time; on two cores that was a large part of a request's CPU.
/// The tenant statement (<see cref="TenantSetting"/>) goes first in the same batch: one round trip, one implicit
/// transaction (or the context's open one), so the setting holds for exactly this read on whichever server connection
/// runs it, as with <see cref="TenantCommandInterceptor"/>.
/// </summary>
public static class TenantReads
{
    /// <param name="sql">One statement; its parameters are <c>$1</c>, <c>$2</c>… in the order of <paramref name="parameters"/>.</param>
    /// <param name="row">Reads the current row.</param>
    public static async Task<List<T>> ReadAsync<T>(
        this AppDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(row);
        var read = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            read.Parameters.Add(parameter);
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(TenantSetting.Statement("$1"))
                    {
                        Parameters = { new NpgsqlParameter<string> { TypedValue = TenantSetting.Value(db.CurrentTenantId) } },
                    },
                    read,
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    var rows = new List<T>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(row(reader));
                    }

                    return rows;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A typed positional parameter.</summary>
    public static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };
}

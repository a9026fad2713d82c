using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NetworkSaaS.Core.Data;

/// <summary>
/// Starts every transaction of the <see cref="AppDbContext"/> with the tenant statement (<see cref="TenantSetting"/>), for
/// the statements that do not carry it themselves: SaveChanges' batches and raw Npgsql commands on the context's
/// connection. Npgsql sends the BEGIN with this statement, so it costs one round trip per transaction.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Set(connection, eventData, result);
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await SetAsync(connection, eventData, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Set(connection, eventData, result);
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await SetAsync(connection, eventData, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static void Set(DbConnection connection, TransactionEventData eventData, DbTransaction transaction)
    {
        using var command = Command(connection, eventData, transaction);
        command.ExecuteNonQuery();
    }

    private static async Task SetAsync(DbConnection connection, TransactionEventData eventData, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var command = Command(connection, eventData, transaction);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand Command(DbConnection connection, TransactionEventData eventData, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TenantSetting.Statement("$1");
        var tenant = command.CreateParameter();
        tenant.Value = TenantSetting.Value(TenantSetting.TenantOf(eventData.Context));
        command.Parameters.Add(tenant);
        return command;
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NetworkSaaS.Core.Data;

/// <summary>
/// Puts the tenant statement (<see cref="TenantSetting"/>) first in every command EF sends. Npgsql sends a command's
/// statements before one Sync, so PostgreSQL runs them in one implicit transaction (or inside the explicit one): the
/// setting holds for exactly that command, on whichever server connection runs it, at no extra round trip.
/// The statement is a SELECT (SET LOCAL would warn outside a transaction block), so its one-row result set is skipped
/// before EF reads; it is not counted in rows affected. SaveChanges' batches are left alone: EF reads their results
/// by statement position. <see cref="AppDbContext"/> runs them in a transaction, which
/// <see cref="TenantTransactionInterceptor"/> starts with the same statement.
/// </summary>
public sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    private const string ParameterName = "app_tenant_id";
    private static readonly string Prefix = TenantSetting.Statement("@" + ParameterName) + ";\n";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prepend(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prepend(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        if (Carries(command))
        {
            try
            {
                result.NextResult();
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }

        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        if (Carries(command))
        {
            try
            {
                await result.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await result.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prepend(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepend(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <summary>A scalar would be the tenant statement's value: the command is read here, past that result set.</summary>
    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Prepend(command, eventData))
        {
            return result;
        }

        using var reader = command.ExecuteReader();
        reader.NextResult();
        return InterceptionResult<object>.SuppressWithResult(reader.Read() ? reader.GetValue(0) : null!);
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Prepend(command, eventData))
        {
            return result;
        }

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return InterceptionResult<object>.SuppressWithResult(await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetValue(0) : null!);
        }
    }

    private static bool Carries(DbCommand command) => command.CommandText.StartsWith(Prefix, StringComparison.Ordinal);

    /// <returns>Whether the command now starts with the tenant statement.</returns>
    private static bool Prepend(DbCommand command, CommandEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.CommandSource == CommandSource.SaveChanges)
        {
            return command.Transaction is not null
                ? false
                : throw new InvalidOperationException("SaveChanges ran outside a transaction, so nothing would set the tenant for its statements.");
        }

        if (Carries(command))
        {
            return true;
        }

        foreach (DbParameter parameter in command.Parameters)
        {
            if (string.IsNullOrEmpty(parameter.ParameterName))
            {
                // Npgsql sends a command with positional parameters as one statement: it cannot be split into two.
                throw new InvalidOperationException("A command with positional ($1) parameters cannot carry the tenant statement; use named parameters.");
            }
        }

        var tenant = command.CreateParameter();
        tenant.ParameterName = ParameterName;
        tenant.Value = TenantSetting.Value(TenantSetting.TenantOf(eventData.Context));
        command.Parameters.Add(tenant);
        command.CommandText = Prefix + command.CommandText;
        return true;
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace NetworkSaaS.Core.Data;

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection open, from the same tenant the context's query filter uses,
/// so PostgreSQL row-level security and EF agree. Pooled connections are never trusted to carry it over.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenantId = eventData.Context is AppDbContext context ? context.CurrentTenantId : Guid.Empty;
        var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId == Guid.Empty ? "" : tenantId.ToString() });
        return command;
    }
}

namespace NetworkSaaS.Core.Data;

/// <summary>
/// The tenant PostgreSQL row-level security reads, <c>app.tenant_id</c>. It is only ever set for the current transaction
/// (<c>set_config(…, true)</c>), never for the session, so it ends with the transaction and cannot reach the next
/// user of the server connection (PgBouncer in transaction mode hands one server connection to many clients).
/// Two interceptors set it, from the tenant of the <see cref="AppDbContext"/>: <see cref="TenantCommandInterceptor"/>
/// puts it first in every command EF sends (the same round trip and the same implicit transaction), and
/// <see cref="TenantTransactionInterceptor"/> at the start of every transaction (for SaveChanges and raw Npgsql
/// commands, which therefore run inside one).
/// </summary>
public static class TenantSetting
{
    public const string Name = "app.tenant_id";

    /// <summary>The value for a tenant; empty (no tenant, so no rows) for <see cref="Guid.Empty"/>.</summary>
    public static string Value(Guid tenantId) => tenantId == Guid.Empty ? "" : tenantId.ToString("D");

    /// <summary>The statement, its value the parameter <paramref name="placeholder"/> (<c>$1</c> or <c>@name</c>).</summary>
    internal static string Statement(string placeholder) => $"SELECT set_config('{Name}', {placeholder}, true)";

    internal static Guid TenantOf(Microsoft.EntityFrameworkCore.DbContext? context) => context is AppDbContext app ? app.CurrentTenantId : Guid.Empty;
}

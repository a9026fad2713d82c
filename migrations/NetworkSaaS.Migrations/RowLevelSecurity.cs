using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkSaaS.Migrations;

/// <summary>
/// The database half of tenant isolation. Every migration that creates a tenant-owned table calls
/// <see cref="EnableTenantIsolation"/>; a catalog test fails when a table with tenant_id lacks it.
/// </summary>
public static class RowLevelSecurity
{
    public const string CurrentTenant = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

    public static void EnableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON {table}
                USING (tenant_id = {CurrentTenant})
                WITH CHECK (tenant_id = {CurrentTenant});
            """);
    }

    /// <summary>
    /// Runs <paramref name="statements"/> once per tenant with that tenant set, as the app does: the owner role is
    /// subject to the policies too (FORCE), so a backfill sees and writes one tenant's rows at a time.
    /// </summary>
    public static void ForEachTenant(this MigrationBuilder migrationBuilder, string statements)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($$"""
            DO $$
            DECLARE t uuid;
            BEGIN
                FOR t IN SELECT id FROM tenants LOOP
                    PERFORM set_config('app.tenant_id', t::text, true);
                    {{statements}}
                END LOOP;
                PERFORM set_config('app.tenant_id', '', true);
            END;
            $$;
            """);
    }

    public static void DisableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""
            DROP POLICY IF EXISTS tenant_isolation ON {table};
            ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
            """);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkSaaS.Migrations;

/// <summary>
/// A version number per owner of contacts, raised in the same transaction as every write to that owner's contacts (insert,
/// update, delete, whatever the path: pages, imports, merges, jobs, SQL). The "My network" list keeps each owner's
/// contacts in memory and checks this one row on every request: equal means the copy is exactly what the table holds.
/// Statement-level triggers (transition tables): an import chunk of hundreds of rows raises the version once, not once
/// per row. There is no row for an owner whose contacts were never written; readers take that as version 0.
/// </summary>
public static class ContactOwnerVersions
{
    public static void CreateContactOwnerVersions(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE contact_owner_versions (
                tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                owner_id uuid NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (tenant_id, owner_id)
            );

            CREATE FUNCTION contact_owner_versions_raise() RETURNS trigger
                LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                    SELECT DISTINCT tenant_id, owner_id, 1 FROM new_rows
                    ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1;
                ELSIF TG_OP = 'UPDATE' THEN
                    INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                    SELECT tenant_id, owner_id, 1 FROM new_rows UNION SELECT tenant_id, owner_id, 1 FROM old_rows
                    ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1;
                ELSE
                    -- Deleting a tenant deletes its contacts too (cascade): no version for a tenant that is gone.
                    INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                    SELECT DISTINCT r.tenant_id, r.owner_id, 1 FROM old_rows r WHERE EXISTS (SELECT FROM tenants t WHERE t.id = r.tenant_id)
                    ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1;
                END IF;
                RETURN NULL;
            END;
            $$;

            CREATE TRIGGER contacts_owner_version_insert AFTER INSERT ON contacts
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_owner_versions_raise();
            CREATE TRIGGER contacts_owner_version_update AFTER UPDATE ON contacts
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_owner_versions_raise();
            CREATE TRIGGER contacts_owner_version_delete AFTER DELETE ON contacts
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_owner_versions_raise();
            """);
        migrationBuilder.EnableTenantIsolation("contact_owner_versions");
    }

    public static void DropContactOwnerVersions(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS contacts_owner_version_delete ON contacts;
            DROP TRIGGER IF EXISTS contacts_owner_version_update ON contacts;
            DROP TRIGGER IF EXISTS contacts_owner_version_insert ON contacts;
            DROP FUNCTION IF EXISTS contact_owner_versions_raise();
            DROP TABLE IF EXISTS contact_owner_versions;
            """);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <summary>
    /// The change feed of the in-memory discovery index (NetworkSaaS.Web.Features.Discover.DiscoveryIndex): every row of
    /// contact_owner_versions carries the id of the transaction that last raised it (changed_xid), so a process asks
    /// "which owners changed in transactions my last check could not see?" with one indexed read. Besides writes to
    /// contacts (the existing triggers), the owner's row is now raised by writes to interactions (a backdated interaction
    /// changes the score without touching the contact) and by an organization's industry changing (a search term of its
    /// contacts). Changes to colleagues (active, department, name) and department names raise a per-tenant row, the one
    /// with the empty owner id. No new table: the policies of contact_owner_versions stay as they are.
    /// </summary>
    public partial class DiscoveryChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE contact_owner_versions ADD COLUMN changed_xid xid8 NOT NULL DEFAULT '0';
                ALTER TABLE contact_owner_versions ALTER COLUMN changed_xid SET DEFAULT pg_current_xact_id();
                CREATE INDEX ix_contact_owner_versions_changed ON contact_owner_versions (tenant_id, changed_xid);

                CREATE OR REPLACE FUNCTION contact_owner_versions_raise() RETURNS trigger
                    LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT tenant_id, owner_id, 1 FROM new_rows
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT tenant_id, owner_id, 1 FROM new_rows UNION SELECT tenant_id, owner_id, 1 FROM old_rows
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    ELSE
                        -- Deleting a tenant deletes its contacts too (cascade): no version for a tenant that is gone.
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT r.tenant_id, r.owner_id, 1 FROM old_rows r WHERE EXISTS (SELECT FROM tenants t WHERE t.id = r.tenant_id)
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    END IF;
                    RETURN NULL;
                END;
                $$;

                -- Interactions count in the relationship strength: raise the owner of each findable contact they belong to.
                CREATE FUNCTION discovery_interactions_raise() RETURNS trigger
                    LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT c.tenant_id, c.owner_id, 1 FROM new_rows r
                        JOIN contacts c ON c.tenant_id = r.tenant_id AND c.id = r.contact_id
                        WHERE c.visibility <> 0 AND NOT c.use_stopped
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT c.tenant_id, c.owner_id, 1
                        FROM (SELECT tenant_id, contact_id FROM new_rows UNION SELECT tenant_id, contact_id FROM old_rows) r
                        JOIN contacts c ON c.tenant_id = r.tenant_id AND c.id = r.contact_id
                        WHERE c.visibility <> 0 AND NOT c.use_stopped
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    ELSE
                        -- A deleted contact takes its interactions with it: it is gone from the join, and its own delete raised the owner.
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT c.tenant_id, c.owner_id, 1 FROM old_rows r
                        JOIN contacts c ON c.tenant_id = r.tenant_id AND c.id = r.contact_id
                        WHERE c.visibility <> 0 AND NOT c.use_stopped
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    END IF;
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER interactions_owner_version_insert AFTER INSERT ON interactions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION discovery_interactions_raise();
                CREATE TRIGGER interactions_owner_version_update AFTER UPDATE ON interactions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION discovery_interactions_raise();
                CREATE TRIGGER interactions_owner_version_delete AFTER DELETE ON interactions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION discovery_interactions_raise();

                -- An organization's industry is a search term of its contacts: raise the owners of its findable contacts.
                CREATE FUNCTION discovery_organization_industry_raise() RETURNS trigger
                    LANGUAGE plpgsql
                AS $$
                BEGIN
                    INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                    SELECT DISTINCT c.tenant_id, c.owner_id, 1 FROM contacts c
                    WHERE c.tenant_id = NEW.tenant_id AND c.organization_id = NEW.id AND c.visibility <> 0 AND NOT c.use_stopped
                    ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER organizations_industry_owner_version AFTER UPDATE OF industry ON organizations
                    FOR EACH ROW WHEN (OLD.industry IS DISTINCT FROM NEW.industry) EXECUTE FUNCTION discovery_organization_industry_raise();

                -- The tenant's row (empty owner id): colleagues (active, department, name) and department names changed.
                CREATE FUNCTION discovery_tenant_version_raise() RETURNS trigger
                    LANGUAGE plpgsql
                AS $$
                DECLARE tenant uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
                BEGIN
                    INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                    SELECT t.id, '00000000-0000-0000-0000-000000000000', 1 FROM tenants t WHERE t.id = tenant
                    ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1, changed_xid = pg_current_xact_id();
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER users_discovery_version AFTER UPDATE OF is_active, department_id, display_name ON users
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.department_id IS DISTINCT FROM NEW.department_id
                                       OR OLD.display_name IS DISTINCT FROM NEW.display_name)
                    EXECUTE FUNCTION discovery_tenant_version_raise();
                CREATE TRIGGER departments_discovery_version_update AFTER UPDATE OF name ON departments
                    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION discovery_tenant_version_raise();
                CREATE TRIGGER departments_discovery_version_delete AFTER DELETE ON departments
                    FOR EACH ROW EXECUTE FUNCTION discovery_tenant_version_raise();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS departments_discovery_version_delete ON departments;
                DROP TRIGGER IF EXISTS departments_discovery_version_update ON departments;
                DROP TRIGGER IF EXISTS users_discovery_version ON users;
                DROP FUNCTION IF EXISTS discovery_tenant_version_raise();
                DROP TRIGGER IF EXISTS organizations_industry_owner_version ON organizations;
                DROP FUNCTION IF EXISTS discovery_organization_industry_raise();
                DROP TRIGGER IF EXISTS interactions_owner_version_delete ON interactions;
                DROP TRIGGER IF EXISTS interactions_owner_version_update ON interactions;
                DROP TRIGGER IF EXISTS interactions_owner_version_insert ON interactions;
                DROP FUNCTION IF EXISTS discovery_interactions_raise();

                CREATE OR REPLACE FUNCTION contact_owner_versions_raise() RETURNS trigger
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
                        INSERT INTO contact_owner_versions (tenant_id, owner_id, version)
                        SELECT DISTINCT r.tenant_id, r.owner_id, 1 FROM old_rows r WHERE EXISTS (SELECT FROM tenants t WHERE t.id = r.tenant_id)
                        ON CONFLICT (tenant_id, owner_id) DO UPDATE SET version = contact_owner_versions.version + 1;
                    END IF;
                    RETURN NULL;
                END;
                $$;

                DROP INDEX IF EXISTS ix_contact_owner_versions_changed;
                ALTER TABLE contact_owner_versions DROP COLUMN IF EXISTS changed_xid;
                """);
        }
    }
}

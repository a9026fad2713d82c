using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkSaaS.Migrations;

/// <summary>
/// Company-name search for discovery under row-level security: every organization's name is stored as equality
/// terms (Japanese bigrams; Latin words with their prefixes from three letters), so "さくら" or "glob" finds
/// 株式会社サクラフーズ or Globex through an index instead of folding and scanning every name. The folded name is
/// kept too, for the trigram fallback when a typo matches no term.
/// </summary>
public static class OrganizationSearch
{
    public static void CreateOrganizationSearch(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE organizations ADD COLUMN search_name text GENERATED ALWAYS AS (discovery_fold(normalized_name)) STORED;

            -- Account coverage and company discovery read who holds which relationships at an organization without
            -- visiting every contact row.
            CREATE INDEX ix_contacts_organization_coverage ON contacts (tenant_id, organization_id)
                INCLUDE (id, owner_id, visibility, depth, last_contacted_on);

            CREATE FUNCTION discovery_name_terms(name text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $f$
                SELECT DISTINCT term FROM (
                    SELECT token AS term FROM discovery_tokens(name) AS token
                    UNION ALL
                    SELECT left(token, n) FROM discovery_tokens(name) AS token, generate_series(3, char_length(token) - 1) AS n
                    WHERE token !~ '[ぁ-ゖ一-鿿㐀-䶿々〆ー]'
                ) AS t
            $f$;

            CREATE TABLE organization_terms (
                tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                term text COLLATE "C" NOT NULL,
                organization_id uuid NOT NULL,
                PRIMARY KEY (tenant_id, term, organization_id),
                FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id) ON DELETE CASCADE
            );

            CREATE FUNCTION discovery_sync_organization_name() RETURNS trigger
                LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM organization_terms WHERE tenant_id = OLD.tenant_id AND organization_id = OLD.id;
                END IF;
                INSERT INTO organization_terms (tenant_id, term, organization_id)
                SELECT NEW.tenant_id, t, NEW.id FROM discovery_name_terms(NEW.name) AS t;
                RETURN NULL;
            END;
            $$;

            CREATE TRIGGER organizations_name_terms AFTER INSERT OR UPDATE OF name ON organizations
                FOR EACH ROW EXECUTE FUNCTION discovery_sync_organization_name();
            """);
        migrationBuilder.EnableTenantIsolation("organization_terms");
        migrationBuilder.ForEachTenant(RebuildStatements);
    }

    /// <summary>Fills the terms in bulk (after COPY with triggers off).</summary>
    public const string RebuildStatements = """
        DELETE FROM organization_terms;
        INSERT INTO organization_terms (tenant_id, term, organization_id)
            SELECT o.tenant_id, n, o.id FROM organizations AS o, discovery_name_terms(o.name) AS n;
        """;

    public static void DropOrganizationSearch(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_contacts_organization_coverage;
            DROP TRIGGER IF EXISTS organizations_name_terms ON organizations;
            DROP FUNCTION IF EXISTS discovery_sync_organization_name();
            DROP TABLE IF EXISTS organization_terms;
            DROP FUNCTION IF EXISTS discovery_name_terms(text);
            ALTER TABLE organizations DROP COLUMN IF EXISTS search_name;
            """);
    }
}

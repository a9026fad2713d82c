using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkSaaS.Migrations;

/// <summary>
/// The discovery index: what colleagues may find about contacts that are not Private, kept by a trigger on
/// <c>contacts</c> so that every write path (pages, imports, merges, COPY) maintains it.
/// Row-level security stops PostgreSQL from using LIKE or array operators in indexes (they are not leakproof), but
/// text and uuid equality and ordering are leakproof: so search terms are stored one per row and matched by equality
/// (Latin words whole, Japanese text as character bigrams), and people are matched across owners by email/phone keys.
/// Private contacts never get a row here, so discovery cannot leak them through results, counts or ordering.
/// </summary>
public static class DiscoveryIndex
{
    public static void CreateDiscoveryIndex(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var katakana = new StringBuilder();
        var hiragana = new StringBuilder();
        for (var c = 0x30A1; c <= 0x30F6; c++)
        {
            katakana.Append((char)c);
            hiragana.Append((char)(c - 0x60));
        }

        migrationBuilder.Sql($$"""
            CREATE FUNCTION discovery_fold(value text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $f$ SELECT translate(lower(normalize(coalesce(value, ''), NFKC)), '{{katakana}}', '{{hiragana}}') $f$;

            -- Latin words whole; words with Japanese characters as overlapping bigrams (one character stays one term).
            CREATE FUNCTION discovery_tokens(value text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $f$
                WITH words AS (
                    SELECT w FROM regexp_split_to_table(discovery_fold(value), '[[:space:]!-/:-@[-`{-~・、。「」『』【】〜～]+') AS w
                    WHERE w <> ''
                )
                SELECT DISTINCT token FROM (
                    SELECT left(w, 100) AS token FROM words WHERE w !~ '[ぁ-ゖ一-鿿㐀-䶿々〆ー]'
                    UNION ALL
                    SELECT substr(w, i, 2) FROM words, generate_series(1, greatest(char_length(w) - 1, 1)) AS i
                    WHERE w ~ '[ぁ-ゖ一-鿿㐀-䶿々〆ー]'
                ) AS t
            $f$;

            CREATE TABLE discovery_terms (
                tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                term text COLLATE "C" NOT NULL,
                contact_id uuid NOT NULL,
                owner_id uuid NOT NULL,
                organization_id uuid,
                visibility integer NOT NULL,
                depth integer NOT NULL,
                last_contacted_on date,
                open_to integer NOT NULL,
                industry text,
                PRIMARY KEY (tenant_id, contact_id, term),
                FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
            );
            -- Strongest first within a term, so a broad term yields its best candidates without reading every match.
            CREATE INDEX ix_discovery_terms_term ON discovery_terms
                (tenant_id, term, depth DESC, last_contacted_on DESC NULLS LAST) INCLUDE (contact_id, owner_id, open_to, industry);

            CREATE TABLE discovery_person_keys (
                tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                person_key text COLLATE "C" NOT NULL,
                contact_id uuid NOT NULL,
                owner_id uuid NOT NULL,
                PRIMARY KEY (tenant_id, contact_id, person_key),
                FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_discovery_person_keys_key ON discovery_person_keys (tenant_id, person_key) INCLUDE (owner_id);

            -- The industry term of an organization; also stored on every term row, so a search can filter by it in one scan.
            CREATE FUNCTION discovery_industry(tenant uuid, organization uuid) RETURNS text
                LANGUAGE sql STABLE
            AS $f$
                SELECT 'industry:' || discovery_fold(o.industry) FROM organizations AS o
                WHERE o.tenant_id = tenant AND o.id = organization AND o.industry IS NOT NULL AND o.industry <> ''
            $f$;

            -- What a contact is findable by: title, department, expertise, what they are open to, the industry.
            CREATE FUNCTION discovery_contact_terms(c contacts) RETURNS SETOF text
                LANGUAGE sql STABLE
            AS $f$
                SELECT discovery_tokens(c.title)
                UNION SELECT discovery_tokens(c.department)
                UNION SELECT discovery_tokens(e) FROM unnest(c.expertise) AS e
                UNION SELECT 'open:sales' WHERE (c.open_to & 1) <> 0
                UNION SELECT 'open:hiring' WHERE (c.open_to & 2) <> 0
                UNION SELECT 'open:advising' WHERE (c.open_to & 4) <> 0
                UNION SELECT i FROM discovery_industry(c.tenant_id, c.organization_id) AS i WHERE i IS NOT NULL
            $f$;

            CREATE FUNCTION discovery_contact_person_keys(c contacts) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE
            AS $f$
                SELECT 'e:' || lower(e) FROM unnest(c.emails) AS e WHERE e <> ''
                UNION SELECT 'p:' || p FROM unnest(c.phones_e164) AS p WHERE p <> ''
            $f$;

            CREATE FUNCTION discovery_sync_contact() RETURNS trigger
                LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM discovery_terms WHERE tenant_id = OLD.tenant_id AND contact_id = OLD.id;
                    DELETE FROM discovery_person_keys WHERE tenant_id = OLD.tenant_id AND contact_id = OLD.id;
                END IF;
                IF NEW.visibility <> 0 THEN
                    INSERT INTO discovery_terms (tenant_id, term, contact_id, owner_id, organization_id, visibility, depth, last_contacted_on, open_to, industry)
                    SELECT NEW.tenant_id, t, NEW.id, NEW.owner_id, NEW.organization_id, NEW.visibility, NEW.depth, NEW.last_contacted_on, NEW.open_to,
                           discovery_industry(NEW.tenant_id, NEW.organization_id)
                    FROM discovery_contact_terms(NEW) AS t;
                    INSERT INTO discovery_person_keys (tenant_id, person_key, contact_id, owner_id)
                    SELECT NEW.tenant_id, k, NEW.id, NEW.owner_id FROM discovery_contact_person_keys(NEW) AS k;
                END IF;
                RETURN NULL;
            END;
            $$;

            CREATE TRIGGER contacts_discovery AFTER INSERT OR UPDATE OF
                title, department, expertise, open_to, organization_id, visibility, depth, last_contacted_on, owner_id, emails, phones_e164
                ON contacts FOR EACH ROW EXECUTE FUNCTION discovery_sync_contact();

            -- An organization's industry is a term of each of its contacts.
            CREATE FUNCTION discovery_sync_organization() RETURNS trigger
                LANGUAGE plpgsql
            AS $$
            BEGIN
                DELETE FROM discovery_terms WHERE tenant_id = NEW.tenant_id AND organization_id = NEW.id AND term LIKE 'industry:%';
                UPDATE discovery_terms SET industry = discovery_industry(NEW.tenant_id, NEW.id)
                WHERE tenant_id = NEW.tenant_id AND organization_id = NEW.id;
                IF NEW.industry IS NOT NULL AND NEW.industry <> '' THEN
                    INSERT INTO discovery_terms (tenant_id, term, contact_id, owner_id, organization_id, visibility, depth, last_contacted_on, open_to, industry)
                    SELECT c.tenant_id, discovery_industry(NEW.tenant_id, NEW.id), c.id, c.owner_id, c.organization_id, c.visibility, c.depth,
                           c.last_contacted_on, c.open_to, discovery_industry(NEW.tenant_id, NEW.id)
                    FROM contacts AS c WHERE c.tenant_id = NEW.tenant_id AND c.organization_id = NEW.id AND c.visibility <> 0
                    ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END;
            $$;

            CREATE TRIGGER organizations_discovery AFTER UPDATE OF industry ON organizations
                FOR EACH ROW EXECUTE FUNCTION discovery_sync_organization();
            """);
        migrationBuilder.EnableTenantIsolation("discovery_terms");
        migrationBuilder.EnableTenantIsolation("discovery_person_keys");
        migrationBuilder.ForEachTenant(RebuildStatements);
    }

    /// <summary>Fills the index for the current tenant in bulk (after COPY with the trigger disabled).</summary>
    public const string RebuildStatements = """
        DELETE FROM discovery_terms;
        DELETE FROM discovery_person_keys;
        INSERT INTO discovery_terms (tenant_id, term, contact_id, owner_id, organization_id, visibility, depth, last_contacted_on, open_to, industry)
            SELECT c.tenant_id, t, c.id, c.owner_id, c.organization_id, c.visibility, c.depth, c.last_contacted_on, c.open_to,
                   discovery_industry(c.tenant_id, c.organization_id)
            FROM contacts AS c, discovery_contact_terms(c) AS t WHERE c.visibility <> 0;
        INSERT INTO discovery_person_keys (tenant_id, person_key, contact_id, owner_id)
            SELECT c.tenant_id, k, c.id, c.owner_id FROM contacts AS c, discovery_contact_person_keys(c) AS k WHERE c.visibility <> 0;
        """;

    public static void DropDiscoveryIndex(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS organizations_discovery ON organizations;
            DROP TRIGGER IF EXISTS contacts_discovery ON contacts;
            DROP FUNCTION IF EXISTS discovery_sync_organization();
            DROP FUNCTION IF EXISTS discovery_sync_contact();
            DROP TABLE IF EXISTS discovery_person_keys;
            DROP TABLE IF EXISTS discovery_terms;
            DROP FUNCTION IF EXISTS discovery_contact_person_keys(contacts);
            DROP FUNCTION IF EXISTS discovery_contact_terms(contacts);
            DROP FUNCTION IF EXISTS discovery_industry(uuid, uuid);
            DROP FUNCTION IF EXISTS discovery_tokens(text);
            DROP FUNCTION IF EXISTS discovery_fold(text);
            """);
    }
}

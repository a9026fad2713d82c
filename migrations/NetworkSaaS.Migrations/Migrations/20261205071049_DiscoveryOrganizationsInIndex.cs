using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <summary>
    /// The in-memory discovery index (NetworkSaaS.Web.Features.Discover.DiscoveryIndex) now also holds the organizations
    /// of findable contacts with their name terms, and the colleagues' title, email and profile expertise, so a discovery
    /// request runs no organization, coverage or expertise statement. Its change feed must then also see: an organization
    /// renamed (raises the owners of its findable contacts, as an industry change already did), and a colleague's title,
    /// email or expertise changed, or a colleague created with expertise (raises the tenant's row). A partial reload reads
    /// the name terms of a few organizations: organization_terms gets an index by organization.
    /// </summary>
    public partial class DiscoveryOrganizationsInIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_organization_terms_organization ON organization_terms (tenant_id, organization_id);

                DROP TRIGGER organizations_industry_owner_version ON organizations;
                ALTER FUNCTION discovery_organization_industry_raise() RENAME TO discovery_organization_raise;
                CREATE TRIGGER organizations_discovery_owner_version AFTER UPDATE OF industry, name, normalized_name ON organizations
                    FOR EACH ROW WHEN (OLD.industry IS DISTINCT FROM NEW.industry OR OLD.name IS DISTINCT FROM NEW.name
                                       OR OLD.normalized_name IS DISTINCT FROM NEW.normalized_name)
                    EXECUTE FUNCTION discovery_organization_raise();

                DROP TRIGGER users_discovery_version ON users;
                CREATE TRIGGER users_discovery_version AFTER UPDATE OF is_active, department_id, display_name, title, email, expertise_tags ON users
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.department_id IS DISTINCT FROM NEW.department_id
                                       OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.title IS DISTINCT FROM NEW.title
                                       OR OLD.email IS DISTINCT FROM NEW.email OR OLD.expertise_tags IS DISTINCT FROM NEW.expertise_tags)
                    EXECUTE FUNCTION discovery_tenant_version_raise();
                CREATE TRIGGER users_discovery_version_insert AFTER INSERT ON users
                    FOR EACH ROW WHEN (cardinality(NEW.expertise_tags) > 0)
                    EXECUTE FUNCTION discovery_tenant_version_raise();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS users_discovery_version_insert ON users;
                DROP TRIGGER IF EXISTS users_discovery_version ON users;
                CREATE TRIGGER users_discovery_version AFTER UPDATE OF is_active, department_id, display_name ON users
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.department_id IS DISTINCT FROM NEW.department_id
                                       OR OLD.display_name IS DISTINCT FROM NEW.display_name)
                    EXECUTE FUNCTION discovery_tenant_version_raise();

                DROP TRIGGER IF EXISTS organizations_discovery_owner_version ON organizations;
                ALTER FUNCTION discovery_organization_raise() RENAME TO discovery_organization_industry_raise;
                CREATE TRIGGER organizations_industry_owner_version AFTER UPDATE OF industry ON organizations
                    FOR EACH ROW WHEN (OLD.industry IS DISTINCT FROM NEW.industry) EXECUTE FUNCTION discovery_organization_industry_raise();

                DROP INDEX IF EXISTS ix_organization_terms_organization;
                """);
        }
    }
}

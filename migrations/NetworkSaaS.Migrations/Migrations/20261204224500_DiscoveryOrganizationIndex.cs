using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <summary>
    /// Discovery by company reads only the contacts colleagues may find (Shared and Discoverable, use not stopped),
    /// strongest first per organization, from the index alone: candidates stop after the strongest few per company and
    /// account coverage counts per colleague without reading Private rows or the table.
    /// </summary>
    public partial class DiscoveryOrganizationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_contacts_discovery_organization ON contacts
                    (tenant_id, organization_id, depth DESC, last_contacted_on DESC NULLS LAST, id) INCLUDE (owner_id)
                    WHERE visibility <> 0 AND NOT use_stopped;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_contacts_discovery_organization;");
        }
    }
}

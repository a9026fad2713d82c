using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ContactSearchCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_contacts_owner_search_covering",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id" },
                filter: "octet_length(search_text) <= 1500")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "sort_key", "search_text", "last_contacted_on", "next_touch_on", "depth", "channel", "organization_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_owner_search_long",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id" },
                filter: "octet_length(search_text) > 1500");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contacts_owner_search_covering",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_owner_search_long",
                table: "contacts");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MyNetworkInMemory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateContactOwnerVersions();

            migrationBuilder.DropIndex(
                name: "ix_contacts_owner_search_covering",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_owner_search_long",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_depth_sort_key_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_last_contacted_on_sort_key_id",
                table: "contacts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropContactOwnerVersions();

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

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at_id",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_depth_sort_key_id",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "depth", "sort_key", "id" },
                descending: new[] { false, false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_last_contacted_on_sort_key_id",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "last_contacted_on", "sort_key", "id" },
                descending: new[] { false, false, true, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ContactListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_depth_sort_key",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_last_contacted_on_sort_key",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_next_touch_on",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_sort_key",
                table: "contacts");

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

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_next_touch_on_sort_key_id",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "next_touch_on", "sort_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_sort_key_id",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "sort_key", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_depth_sort_key_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_last_contacted_on_sort_key_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_next_touch_on_sort_key_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_owner_id_sort_key_id",
                table: "contacts");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_depth_sort_key",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "depth", "sort_key" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_last_contacted_on_sort_key",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "last_contacted_on", "sort_key" },
                descending: new[] { false, false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_next_touch_on",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "next_touch_on" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_sort_key",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "sort_key" });
        }
    }
}

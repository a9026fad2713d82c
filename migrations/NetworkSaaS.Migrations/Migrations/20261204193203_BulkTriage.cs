using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BulkTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "imported_contact_depth",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "imported_contact_visibility",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing companies keep what their imports did so far: the default visibility of new contacts.
            migrationBuilder.Sql("UPDATE tenants SET imported_contact_visibility = default_contact_visibility;");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undone_at",
                table: "import_batches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "review_pending",
                table: "contacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "bulk_changes",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_changes", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bulk_changes_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_bulk_changes_users_tenant_id_owner_id",
                        columns: x => new { x.tenant_id, x.owner_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_batch_contacts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<int>(type: "integer", nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batch_contacts", x => new { x.tenant_id, x.batch_id, x.contact_id });
                    table.ForeignKey(
                        name: "fk_import_batch_contacts_import_batches_tenant_id_batch_id",
                        columns: x => new { x.tenant_id, x.batch_id },
                        principalTable: "import_batches",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_import_batch_contacts_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_review_pending",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "sort_key" },
                filter: "review_pending");

            migrationBuilder.CreateIndex(
                name: "ix_bulk_changes_tenant_id_owner_id_created_at",
                table: "bulk_changes",
                columns: new[] { "tenant_id", "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_batch_contacts_tenant_id_contact_id",
                table: "import_batch_contacts",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.EnableTenantIsolation("bulk_changes");
            migrationBuilder.EnableTenantIsolation("import_batch_contacts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("bulk_changes");
            migrationBuilder.DisableTenantIsolation("import_batch_contacts");

            migrationBuilder.DropTable(
                name: "bulk_changes");

            migrationBuilder.DropTable(
                name: "import_batch_contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_review_pending",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "imported_contact_depth",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "imported_contact_visibility",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "undone_at",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "review_pending",
                table: "contacts");
        }
    }
}

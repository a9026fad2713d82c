using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "privacy_request_due_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<int>(
                name: "privacy_request_handlers",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "use_stopped",
                table: "contacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "privacy_keys",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    protected_key = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_keys", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_privacy_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "privacy_requests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    person_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    person_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    logged_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_requests", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_privacy_requests_kind", "kind BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "fk_privacy_requests_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_privacy_requests_users_tenant_id_logged_by_user_id",
                        columns: x => new { x.tenant_id, x.logged_by_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "privacy_suppressions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_suppressions", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_privacy_suppressions_key_hash", "key_hash ~ '^[0-9a-f]{64}$'");
                    table.ForeignKey(
                        name: "fk_privacy_suppressions_privacy_requests_tenant_id_request_id",
                        columns: x => new { x.tenant_id, x.request_id },
                        principalTable: "privacy_requests",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_privacy_suppressions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_privacy_keys_tenant_id",
                table: "privacy_keys",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_privacy_requests_tenant_id_logged_by_user_id",
                table: "privacy_requests",
                columns: new[] { "tenant_id", "logged_by_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_privacy_requests_tenant_id_reference",
                table: "privacy_requests",
                columns: new[] { "tenant_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_privacy_requests_tenant_id_status_due_on",
                table: "privacy_requests",
                columns: new[] { "tenant_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_privacy_suppressions_tenant_id_key_hash",
                table: "privacy_suppressions",
                columns: new[] { "tenant_id", "key_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_privacy_suppressions_tenant_id_request_id",
                table: "privacy_suppressions",
                columns: new[] { "tenant_id", "request_id" });
            migrationBuilder.EnableTenantIsolation("privacy_requests");
            migrationBuilder.EnableTenantIsolation("privacy_suppressions");
            migrationBuilder.EnableTenantIsolation("privacy_keys");

            // Stop use (利用停止): a contact whose use is stopped has no row in the discovery index, whatever else is
            // written to it later. Row triggers fire in name order, so this one runs after contacts_discovery refilled it.
            migrationBuilder.Sql("""
                CREATE FUNCTION discovery_drop_use_stopped() RETURNS trigger
                    LANGUAGE plpgsql
                AS $$
                BEGIN
                    DELETE FROM discovery_terms WHERE tenant_id = NEW.tenant_id AND contact_id = NEW.id;
                    DELETE FROM discovery_person_keys WHERE tenant_id = NEW.tenant_id AND contact_id = NEW.id;
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER contacts_discovery_use_stopped AFTER INSERT OR UPDATE ON contacts
                    FOR EACH ROW WHEN (NEW.use_stopped) EXECUTE FUNCTION discovery_drop_use_stopped();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS contacts_discovery_use_stopped ON contacts;
                DROP FUNCTION IF EXISTS discovery_drop_use_stopped();
                """);
            migrationBuilder.DisableTenantIsolation("privacy_keys");
            migrationBuilder.DisableTenantIsolation("privacy_suppressions");
            migrationBuilder.DisableTenantIsolation("privacy_requests");

            migrationBuilder.DropTable(
                name: "privacy_keys");

            migrationBuilder.DropTable(
                name: "privacy_suppressions");

            migrationBuilder.DropTable(
                name: "privacy_requests");

            migrationBuilder.DropColumn(
                name: "privacy_request_due_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "privacy_request_handlers",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "use_stopped",
                table: "contacts");
        }
    }
}

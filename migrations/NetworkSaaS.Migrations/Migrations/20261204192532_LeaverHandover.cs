using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LeaverHandover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "leaver_private_contact_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "leaver_private_contacts",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "contact_handovers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_handovers", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_contact_handovers_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_contact_handovers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_contact_handovers_users_tenant_id_by_user_id",
                        columns: x => new { x.tenant_id, x.by_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contact_handovers_users_tenant_id_from_user_id",
                        columns: x => new { x.tenant_id, x.from_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contact_handovers_users_tenant_id_to_user_id",
                        columns: x => new { x.tenant_id, x.to_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leaver_contact_decisions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    leaver_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<int>(type: "integer", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaver_contact_decisions", x => new { x.tenant_id, x.contact_id });
                    table.ForeignKey(
                        name: "fk_leaver_contact_decisions_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_leaver_contact_decisions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_leaver_contact_decisions_users_tenant_id_leaver_id",
                        columns: x => new { x.tenant_id, x.leaver_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leaver_handovers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    leaver_id = table.Column<Guid>(type: "uuid", nullable: false),
                    successor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaver_handovers", x => new { x.tenant_id, x.leaver_id });
                    table.ForeignKey(
                        name: "fk_leaver_handovers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_leaver_handovers_users_tenant_id_leaver_id",
                        columns: x => new { x.tenant_id, x.leaver_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leaver_handovers_users_tenant_id_successor_id",
                        columns: x => new { x.tenant_id, x.successor_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contact_handovers_tenant_id_by_user_id",
                table: "contact_handovers",
                columns: new[] { "tenant_id", "by_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_handovers_tenant_id_contact_id_handed_over_at",
                table: "contact_handovers",
                columns: new[] { "tenant_id", "contact_id", "handed_over_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_handovers_tenant_id_from_user_id",
                table: "contact_handovers",
                columns: new[] { "tenant_id", "from_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_handovers_tenant_id_to_user_id_handed_over_at",
                table: "contact_handovers",
                columns: new[] { "tenant_id", "to_user_id", "handed_over_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leaver_contact_decisions_tenant_id_leaver_id",
                table: "leaver_contact_decisions",
                columns: new[] { "tenant_id", "leaver_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leaver_handovers_tenant_id_successor_id",
                table: "leaver_handovers",
                columns: new[] { "tenant_id", "successor_id" });

            migrationBuilder.EnableTenantIsolation("leaver_handovers");
            migrationBuilder.EnableTenantIsolation("leaver_contact_decisions");
            migrationBuilder.EnableTenantIsolation("contact_handovers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("contact_handovers");
            migrationBuilder.DisableTenantIsolation("leaver_contact_decisions");
            migrationBuilder.DisableTenantIsolation("leaver_handovers");

            migrationBuilder.DropTable(
                name: "contact_handovers");

            migrationBuilder.DropTable(
                name: "leaver_contact_decisions");

            migrationBuilder.DropTable(
                name: "leaver_handovers");

            migrationBuilder.DropColumn(
                name: "leaver_private_contact_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "leaver_private_contacts",
                table: "tenants");
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Exports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "export_requests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    format = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: true),
                    period_to = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    columns = table.Column<List<string>>(type: "text[]", nullable: false),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    processed_rows = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_export_requests", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_export_requests_departments_tenant_id_department_id",
                        columns: x => new { x.tenant_id, x.department_id },
                        principalTable: "departments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_export_requests_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_export_requests_users_tenant_id_owner_id",
                        columns: x => new { x.tenant_id, x.owner_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "export_files",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    export_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_export_files", x => new { x.tenant_id, x.export_id });
                    table.ForeignKey(
                        name: "fk_export_files_export_requests_tenant_id_export_id",
                        columns: x => new { x.tenant_id, x.export_id },
                        principalTable: "export_requests",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_export_files_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_export_requests_completed_expiry",
                table: "export_requests",
                columns: new[] { "tenant_id", "expires_at" },
                filter: "status = 2");

            migrationBuilder.CreateIndex(
                name: "ix_export_requests_tenant_id_department_id",
                table: "export_requests",
                columns: new[] { "tenant_id", "department_id" });

            migrationBuilder.CreateIndex(
                name: "ix_export_requests_tenant_id_owner_id_created_at",
                table: "export_requests",
                columns: new[] { "tenant_id", "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_export_requests_one_active_per_kind",
                table: "export_requests",
                columns: new[] { "tenant_id", "owner_id", "kind", "format" },
                unique: true,
                filter: "status IN (0, 1)");

            // xlsx files are already zipped: stored out of line as they are, without a second (slow) compression.
            migrationBuilder.Sql("ALTER TABLE export_files ALTER COLUMN content SET STORAGE EXTERNAL;");
            migrationBuilder.EnableTenantIsolation("export_requests");
            migrationBuilder.EnableTenantIsolation("export_files");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("export_files");
            migrationBuilder.DisableTenantIsolation("export_requests");

            migrationBuilder.DropTable(
                name: "export_files");

            migrationBuilder.DropTable(
                name: "export_requests");
        }
    }
}

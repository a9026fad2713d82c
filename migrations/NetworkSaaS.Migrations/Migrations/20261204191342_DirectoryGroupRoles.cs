using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryGroupRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directory_group_roles",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_group_roles", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_directory_group_roles_role", "role IN ('Admin', 'HR', 'Manager', 'Executive')");
                    table.ForeignKey(
                        name: "fk_directory_group_roles_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_directory_group_roles_tenant_id_group_name_role",
                table: "directory_group_roles",
                columns: new[] { "tenant_id", "group_name", "role" },
                unique: true);

            migrationBuilder.EnableTenantIsolation("directory_group_roles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("directory_group_roles");
            migrationBuilder.DropTable(
                name: "directory_group_roles");
        }
    }
}

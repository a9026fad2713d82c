using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ExportFileParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_export_files",
                table: "export_files");

            migrationBuilder.AddColumn<int>(
                name: "part",
                table: "export_files",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_export_files",
                table: "export_files",
                columns: new[] { "tenant_id", "export_id", "part" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_export_files",
                table: "export_files");

            migrationBuilder.DropColumn(
                name: "part",
                table: "export_files");

            migrationBuilder.AddPrimaryKey(
                name: "pk_export_files",
                table: "export_files",
                columns: new[] { "tenant_id", "export_id" });
        }
    }
}

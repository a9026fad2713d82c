using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_interactions_tenant_id_created_by_user_id",
                table: "interactions");

            migrationBuilder.AddColumn<int>(
                name: "fiscal_year_start_month",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: NetworkSaaS.Core.Features.Tenancy.FiscalYearStart.DefaultMonth);

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_fiscal_year_start_month",
                table: "tenants",
                sql: "fiscal_year_start_month BETWEEN 1 AND 12");

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_created_at",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_reports_occurred",
                table: "interactions",
                columns: new[] { "tenant_id", "occurred_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "created_by_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_tenant_id_created_by_user_id_occurred_on",
                table: "interactions",
                columns: new[] { "tenant_id", "created_by_user_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_reports_created",
                table: "contacts",
                columns: new[] { "tenant_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_reports_next_touch",
                table: "contacts",
                columns: new[] { "tenant_id", "next_touch_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "owner_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_fiscal_year_start_month",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_introduction_requests_tenant_id_created_at",
                table: "introduction_requests");

            migrationBuilder.DropIndex(
                name: "ix_interactions_reports_occurred",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_interactions_tenant_id_created_by_user_id_occurred_on",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_contacts_reports_created",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_reports_next_touch",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "fiscal_year_start_month",
                table: "tenants");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_tenant_id_created_by_user_id",
                table: "interactions",
                columns: new[] { "tenant_id", "created_by_user_id" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SeasonalCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "new_year_greetings_enabled",
                table: "tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "summer_greetings_enabled",
                table: "tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "transfer_season_check_enabled",
                table: "tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "campaign_notifications",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign = table.Column<int>(type: "integer", nullable: false),
                    season = table.Column<int>(type: "integer", nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_notifications", x => new { x.tenant_id, x.user_id, x.campaign, x.season });
                    table.ForeignKey(
                        name: "fk_campaign_notifications_notifications_tenant_id_notification~",
                        columns: x => new { x.tenant_id, x.notification_id },
                        principalTable: "notifications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_campaign_notifications_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_campaign_notifications_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "greeting_list_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign = table.Column<int>(type: "integer", nullable: false),
                    season = table.Column<int>(type: "integer", nullable: false),
                    inclusion = table.Column<int>(type: "integer", nullable: false),
                    in_mourning = table.Column<bool>(type: "boolean", nullable: false),
                    sent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_greeting_list_entries", x => new { x.tenant_id, x.contact_id, x.campaign, x.season });
                    table.ForeignKey(
                        name: "fk_greeting_list_entries_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_greeting_list_entries_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transfer_confirmations",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_confirmations", x => new { x.tenant_id, x.contact_id, x.year });
                    table.ForeignKey(
                        name: "fk_transfer_confirmations_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_transfer_confirmations_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_notifications_tenant_id_notification_id",
                table: "campaign_notifications",
                columns: new[] { "tenant_id", "notification_id" });

            migrationBuilder.CreateIndex(
                name: "ix_greeting_list_entries_tenant_id_campaign_season",
                table: "greeting_list_entries",
                columns: new[] { "tenant_id", "campaign", "season" });

            migrationBuilder.EnableTenantIsolation("greeting_list_entries");
            migrationBuilder.EnableTenantIsolation("transfer_confirmations");
            migrationBuilder.EnableTenantIsolation("campaign_notifications");

            // Existing companies get the same defaults as new ones: every campaign on when their language is Japanese.
            migrationBuilder.Sql("""
                UPDATE tenants SET new_year_greetings_enabled = TRUE, summer_greetings_enabled = TRUE, transfer_season_check_enabled = TRUE
                WHERE default_culture = 'ja';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("campaign_notifications");
            migrationBuilder.DisableTenantIsolation("transfer_confirmations");
            migrationBuilder.DisableTenantIsolation("greeting_list_entries");

            migrationBuilder.DropTable(
                name: "campaign_notifications");

            migrationBuilder.DropTable(
                name: "greeting_list_entries");

            migrationBuilder.DropTable(
                name: "transfer_confirmations");

            migrationBuilder.DropColumn(
                name: "new_year_greetings_enabled",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "summer_greetings_enabled",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "transfer_season_check_enabled",
                table: "tenants");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IntroductionSlasAndNotificationEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "escalate_after_working_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "nudge_after_working_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "outcome_prompt_after_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<bool>(
                name: "introductions_by_email",
                table: "notification_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "company_holidays",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_holidays", x => new { x.tenant_id, x.day });
                    table.ForeignKey(
                        name: "fk_company_holidays_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "introduction_reminders",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    due_key = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_introduction_reminders", x => new { x.tenant_id, x.request_id, x.kind, x.due_key });
                    table.ForeignKey(
                        name: "fk_introduction_reminders_introduction_requests_tenant_id_requ~",
                        columns: x => new { x.tenant_id, x.request_id },
                        principalTable: "introduction_requests",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_introduction_reminders_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_introduction_reminders_users_tenant_id_actor_id",
                        columns: x => new { x.tenant_id, x.actor_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notification_emails",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_emails", x => new { x.tenant_id, x.notification_id });
                    table.ForeignKey(
                        name: "fk_notification_emails_notifications_tenant_id_notification_id",
                        columns: x => new { x.tenant_id, x.notification_id },
                        principalTable: "notifications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notification_emails_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_escalate_after_working_days",
                table: "tenants",
                sql: "escalate_after_working_days BETWEEN 1 AND 30");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_nudge_after_working_days",
                table: "tenants",
                sql: "nudge_after_working_days BETWEEN 1 AND 30");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_outcome_prompt_after_days",
                table: "tenants",
                sql: "outcome_prompt_after_days BETWEEN 1 AND 365");

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_awaiting_answer",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "created_at" },
                filter: "state = 1");

            migrationBuilder.CreateIndex(
                name: "ix_introduction_reminders_tenant_id_actor_id",
                table: "introduction_reminders",
                columns: new[] { "tenant_id", "actor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_emails_pending",
                table: "notification_emails",
                columns: new[] { "tenant_id", "created_at" },
                filter: "state = 1");

            migrationBuilder.EnableTenantIsolation("company_holidays");
            migrationBuilder.EnableTenantIsolation("introduction_reminders");
            migrationBuilder.EnableTenantIsolation("notification_emails");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("notification_emails");
            migrationBuilder.DisableTenantIsolation("introduction_reminders");
            migrationBuilder.DisableTenantIsolation("company_holidays");

            migrationBuilder.DropTable(
                name: "company_holidays");

            migrationBuilder.DropTable(
                name: "introduction_reminders");

            migrationBuilder.DropTable(
                name: "notification_emails");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_escalate_after_working_days",
                table: "tenants");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_nudge_after_working_days",
                table: "tenants");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_outcome_prompt_after_days",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_introduction_requests_awaiting_answer",
                table: "introduction_requests");

            migrationBuilder.DropColumn(
                name: "escalate_after_working_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "nudge_after_working_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "outcome_prompt_after_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "introductions_by_email",
                table: "notification_settings");
        }
    }
}

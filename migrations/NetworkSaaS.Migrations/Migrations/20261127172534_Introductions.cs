using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Introductions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "asks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    company_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_position = table.Column<bool>(type: "boolean", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reward_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    state = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asks", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_asks_departments_tenant_id_department_id",
                        columns: x => new { x.tenant_id, x.department_id },
                        principalTable: "departments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_asks_organizations_tenant_id_organization_id",
                        columns: x => new { x.tenant_id, x.organization_id },
                        principalTable: "organizations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_asks_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asks_users_tenant_id_author_id",
                        columns: x => new { x.tenant_id, x.author_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "introduction_requests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connector_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    target_summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    contact_channel = table.Column<int>(type: "integer", nullable: true),
                    ask_id = table.Column<Guid>(type: "uuid", nullable: true),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    decline_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    consent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    won_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    won_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    hire_start_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    introduced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_introduction_requests", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_introduction_requests_asks_tenant_id_ask_id",
                        columns: x => new { x.tenant_id, x.ask_id },
                        principalTable: "asks",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_introduction_requests_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_introduction_requests_organizations_tenant_id_organization_~",
                        columns: x => new { x.tenant_id, x.organization_id },
                        principalTable: "organizations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_introduction_requests_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_introduction_requests_users_tenant_id_connector_id",
                        columns: x => new { x.tenant_id, x.connector_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_introduction_requests_users_tenant_id_requester_id",
                        columns: x => new { x.tenant_id, x.requester_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "introduction_events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_introduction_events", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_introduction_events_introduction_requests_tenant_id_request~",
                        columns: x => new { x.tenant_id, x.request_id },
                        principalTable: "introduction_requests",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_introduction_events_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_introduction_events_users_tenant_id_actor_id",
                        columns: x => new { x.tenant_id, x.actor_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    introduction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ask_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_notifications_asks_tenant_id_ask_id",
                        columns: x => new { x.tenant_id, x.ask_id },
                        principalTable: "asks",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_introduction_requests_tenant_id_introduction_~",
                        columns: x => new { x.tenant_id, x.introduction_id },
                        principalTable: "introduction_requests",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asks_tenant_id_author_id",
                table: "asks",
                columns: new[] { "tenant_id", "author_id" });

            migrationBuilder.CreateIndex(
                name: "ix_asks_tenant_id_department_id",
                table: "asks",
                columns: new[] { "tenant_id", "department_id" });

            migrationBuilder.CreateIndex(
                name: "ix_asks_tenant_id_organization_id",
                table: "asks",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_asks_tenant_id_state_created_at",
                table: "asks",
                columns: new[] { "tenant_id", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_events_tenant_id_actor_id",
                table: "introduction_events",
                columns: new[] { "tenant_id", "actor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_events_tenant_id_request_id_at",
                table: "introduction_events",
                columns: new[] { "tenant_id", "request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_ask_id",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "ask_id" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_connector_id_created_at",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "connector_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_contact_id",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_organization_id",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_introduction_requests_tenant_id_requester_id_created_at",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "requester_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_introduction_requests_open_per_contact",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "requester_id", "contact_id" },
                unique: true,
                filter: "state IN (1, 2) AND contact_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_introduction_requests_open_per_organization",
                table: "introduction_requests",
                columns: new[] { "tenant_id", "requester_id", "connector_id", "organization_id" },
                unique: true,
                filter: "state = 1 AND contact_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_ask_id",
                table: "notifications",
                columns: new[] { "tenant_id", "ask_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_introduction_id",
                table: "notifications",
                columns: new[] { "tenant_id", "introduction_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_user_id_created_at",
                table: "notifications",
                columns: new[] { "tenant_id", "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unread",
                table: "notifications",
                columns: new[] { "tenant_id", "user_id" },
                filter: "read_at IS NULL");

            foreach (var table in new[] { "asks", "introduction_requests", "introduction_events", "notifications" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }

            // Deleting a contact keeps the introduction's history but forgets the person: only contact_id is cleared.
            migrationBuilder.Sql("""
                ALTER TABLE introduction_requests DROP CONSTRAINT fk_introduction_requests_contacts_tenant_id_contact_id;
                ALTER TABLE introduction_requests ADD CONSTRAINT fk_introduction_requests_contacts_tenant_id_contact_id
                    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id);
                """);
            migrationBuilder.CreateDiscoveryIndex();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropDiscoveryIndex();

            migrationBuilder.DropTable(
                name: "introduction_events");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "introduction_requests");

            migrationBuilder.DropTable(
                name: "asks");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class UserSessionsAndAuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_persistent = table.Column<bool>(type: "boolean", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_sessions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_user_sessions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_sessions_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_tenant_id_user_id",
                table: "user_sessions",
                columns: new[] { "tenant_id", "user_id" });
            migrationBuilder.EnableTenantIsolation("user_sessions");

            // Audit retention: the app role may only INSERT and SELECT audit entries (DatabaseMigrator revokes the
            // rest). This function runs as the owner and deletes only the current tenant's entries older than the
            // cutoff, never younger than 365 days, so the app role can do no more than the daily retention job.
            migrationBuilder.Sql($$"""
                CREATE FUNCTION delete_expired_audit_entries(cutoff timestamptz) RETURNS integer
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE deleted integer;
                BEGIN
                    DELETE FROM audit_entries
                    WHERE tenant_id = {{RowLevelSecurity.CurrentTenant}}
                      AND at < LEAST(cutoff, now() - interval '365 days');
                    GET DIAGNOSTICS deleted = ROW_COUNT;
                    RETURN deleted;
                END;
                $$;
                REVOKE ALL ON FUNCTION delete_expired_audit_entries(timestamptz) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION delete_expired_audit_entries(timestamptz);");
            migrationBuilder.DropTable(
                name: "user_sessions");
        }
    }
}

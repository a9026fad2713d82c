using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkSaaS.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SharedRateLimitCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rate_limit_counters",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_limit_counters", x => new { x.key, x.window_start });
                });

            migrationBuilder.CreateIndex(
                name: "ix_rate_limit_counters_expires_at",
                table: "rate_limit_counters",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rate_limit_counters");
        }
    }
}

using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using Npgsql;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// Brings a database to the current schema as the owner role: EF Core migrations, the Hangfire schema, and the
/// grants that let the app role use (but never own) the tables. Idempotent; run by `migrate` in production.
/// </summary>
public static class DatabaseMigrator
{
    public const string AppRole = "networksaas_app";
    public const string HangfireSchema = "hangfire";

    public static async Task MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(ownerConnectionString, o => o.MigrationsAssembly(MigrationsAssemblyName))
            .Options;
        await using (var context = new AppDbContext(options).ForTenantOf(new TenantContextAccessor()))
        {
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
        await using var grants = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {AppRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {AppRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {AppRole};
            GRANT USAGE ON SCHEMA {HangfireSchema} TO {AppRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {HangfireSchema} TO {AppRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {HangfireSchema} TO {AppRole};
            REVOKE ALL ON "__EFMigrationsHistory" FROM {AppRole};
            REVOKE DELETE ON platform_operators FROM {AppRole};
            REVOKE UPDATE, DELETE ON platform_audit_entries FROM {AppRole};
            -- The audit log is append-only for the app: retention deletes through delete_expired_audit_entries (owner).
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {AppRole};
            GRANT EXECUTE ON FUNCTION delete_expired_audit_entries(timestamptz) TO {AppRole};
            INSERT INTO roles (id, name, normalized_name, concurrency_stamp)
            SELECT gen_random_uuid(), r, upper(r), gen_random_uuid()::text
            FROM unnest(@roles) AS r
            ON CONFLICT (normalized_name) DO NOTHING;
            """, connection);
        grants.Parameters.AddWithValue("roles", Roles.All.ToArray());
        await grants.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string MigrationsAssemblyName => "NetworkSaaS.Migrations";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>Layers 2 and 3: the EF filter and stamping, and PostgreSQL row-level security when EF is bypassed.</summary>
public class RowLevelSecurityTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task With_ef_filters_ignored_the_database_still_shows_only_the_current_tenant()
    {
        var (alpha, _) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");
        await App.CreateUserAsync(bravo, "second@bravo.test");

        var seen = await App.InTenantAsync(alpha, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return new
            {
                Users = await db.Users.IgnoreQueryFilters().Select(u => u.TenantId).Distinct().ToListAsync(),
                Roles = await db.UserRoles.IgnoreQueryFilters().CountAsync(ur => ur.TenantId == bravo.Id),
                Audit = await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.TenantId == bravo.Id),
                Raw = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM users WHERE tenant_id <> {0}", alpha.Id).SingleAsync(),
            };
        });
        Assert.Equal([alpha.Id], seen.Users);
        Assert.Equal(0, seen.Roles);
        Assert.Equal(0, seen.Audit);
        Assert.Equal(0, seen.Raw);
    }

    [Fact]
    public async Task A_plain_read_past_ef_sees_only_the_contexts_tenant_and_leaves_no_tenant_on_the_connection()
    {
        var (alpha, _) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");
        await App.CreateUserAsync(bravo, "second@bravo.test");

        var seen = await App.InTenantAsync(alpha, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            // No tenant in the statement: only row-level security, under the tenant the read sets, narrows it.
            var tenants = await db.ReadAsync("SELECT DISTINCT tenant_id FROM users", [], r => r.GetGuid(0), CancellationToken.None);
            var bravoUsers = await db.ReadAsync("SELECT count(*) FROM users WHERE tenant_id = $1", [TenantReads.Value(bravo.Id)], r => r.GetInt64(0), CancellationToken.None);
            // The same connection afterwards, outside that read's implicit transaction: no tenant is left set.
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var after = new NpgsqlCommand("SELECT coalesce(current_setting('app.tenant_id', true), ''), (SELECT count(*) FROM users)", (NpgsqlConnection)db.Database.GetDbConnection());
                await using var reader = await after.ExecuteReaderAsync();
                await reader.ReadAsync();
                return (Tenants: tenants, BravoUsers: bravoUsers.Single(), LeftSetting: reader.GetString(0), UsersAfter: reader.GetInt64(1));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        Assert.Equal([alpha.Id], seen.Tenants);
        Assert.Equal(0L, seen.BravoUsers);
        Assert.Equal("", seen.LeftSetting);
        Assert.Equal(0L, seen.UsersAfter);

        await using var noTenant = App.Services.CreateAsyncScope();
        Assert.Equal([0L], await noTenant.ServiceProvider.GetRequiredService<AppDbContext>()
            .ReadAsync("SELECT count(*) FROM users", [], r => r.GetInt64(0), CancellationToken.None));
    }

    [Fact]
    public async Task The_app_role_without_a_tenant_sees_zero_rows_and_cannot_write_into_another_tenant()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo");
        await using var connection = new NpgsqlConnection(App.Connections.App);
        await connection.OpenAsync();

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM audit_entries"));

        // As the app does it: the tenant set for one transaction only.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ScalarAsync(connection, $"SELECT set_config('app.tenant_id', '{alpha.Id}', true)");
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM users"));
            Assert.Equal(0L, await ScalarAsync(connection, $"UPDATE users SET display_name = 'hijacked' WHERE id = '{adminB.Id}' RETURNING 1") ?? 0L);
            Assert.Equal(0L, await ScalarAsync(connection, $"DELETE FROM users WHERE tenant_id = '{bravo.Id}' RETURNING 1") ?? 0L);

            await transaction.SaveAsync("refused");
            var insert = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
                $"INSERT INTO departments (tenant_id, id, name, sort_order) VALUES ('{bravo.Id}', '{Guid.CreateVersion7()}', 'Planted', 0)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
            await transaction.RollbackAsync("refused");

            var moveRow = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
                $"UPDATE users SET tenant_id = '{bravo.Id}' WHERE id = '{adminA.Id}'"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, moveRow.SqlState);
        }

        // The setting ended with the transaction.
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users"));

        await using var superuser = new NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        Assert.Equal("bravo Admin", await ScalarAsync(superuser, $"SELECT display_name FROM users WHERE id = '{adminB.Id}'"));
    }

    [Fact]
    public async Task A_foreign_key_into_another_tenant_cannot_exist_even_for_a_superuser()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");
        var bravoDepartment = Guid.CreateVersion7();
        await using var superuser = new NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await ScalarAsync(superuser, $"INSERT INTO departments (tenant_id, id, name, sort_order) VALUES ('{bravo.Id}', '{bravoDepartment}', 'Sales', 0)");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(superuser,
            $"UPDATE users SET department_id = '{bravoDepartment}' WHERE tenant_id = '{alpha.Id}' AND id = '{adminA.Id}'"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task SaveChanges_stamps_the_tenant_and_refuses_rows_of_another_tenant()
    {
        var (alpha, _) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");

        var stamped = await App.InTenantAsync(alpha, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var department = new Department { Name = "Sales" };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            return department.TenantId;
        });
        Assert.Equal(alpha.Id, stamped);

        await Assert.ThrowsAsync<TenantMismatchException>(() => App.InTenantAsync(alpha, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Departments.Add(new Department { TenantId = bravo.Id, Name = "Planted" });
            return await db.SaveChangesAsync();
        }));

        await using var scope = App.Services.CreateAsyncScope();
        var noTenant = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        noTenant.Departments.Add(new Department { Name = "Orphan" });
        await Assert.ThrowsAsync<TenantMismatchException>(() => noTenant.SaveChangesAsync());
    }

    [Fact]
    public async Task The_same_email_can_exist_in_two_tenants_without_revealing_either()
    {
        var (alpha, _) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");
        var one = await App.CreateUserAsync(alpha, "shared.person@example.com");
        var two = await App.CreateUserAsync(bravo, "shared.person@example.com");

        // Each company sees its own account under that address, and only that one (the unique email index is per tenant).
        Task<List<Guid>> HoldersIn(ITenantInfo tenant) => App.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<AppDbContext>().Users.Where(u => u.NormalizedEmail == "SHARED.PERSON@EXAMPLE.COM").Select(u => u.Id).ToListAsync());
        Assert.Equal([one.Id], await HoldersIn(alpha));
        Assert.Equal([two.Id], await HoldersIn(bravo));

        // Signing in under each company reaches that company's account; a third company neither knows the address
        // (its invitation goes out as for anyone new) nor lets the password in.
        Assert.Contains("id=\"welcome\"", await (await App.SignInAsync("alpha", one.Email!)).GetStringAsync("/alpha/"), StringComparison.Ordinal);
        Assert.Contains("id=\"welcome\"", await (await App.SignInAsync("bravo", two.Email!)).GetStringAsync("/bravo/"), StringComparison.Ordinal);
        var (_, charlieAdmin) = await App.CreateTenantAsync("charlie");
        var charlie = await App.SignInAsync("charlie", charlieAdmin.Email!);
        var invited = await charlie.PostFormAsync("/charlie/admin?handler=Invite", new() { ["Invite.Email"] = "shared.person@example.com" }, "/charlie/admin");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, invited.StatusCode);
        var refused = await App.CreateBrowserlikeClient().PostFormAsync("/charlie/account/login",
            new() { ["Input.Email"] = "shared.person@example.com", ["Input.Password"] = TestApp.Password }, expect: System.Net.HttpStatusCode.OK);
        Assert.DoesNotContain("alpha", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_tenant_owned_entity_has_the_named_tenant_filter()
    {
        using var scope = App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var tenantOwnedTypes = typeof(ITenantOwned).Assembly.GetTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToList();
        Assert.NotEmpty(tenantOwnedTypes);
        foreach (var type in tenantOwnedTypes)
        {
            var entity = model.FindEntityType(type);
            Assert.True(entity is not null, $"{type.Name} is tenant-owned but not mapped");
            Assert.True(entity.GetDeclaredQueryFilters().Any(f => f.Key == AppDbContext.TenantFilter), $"{type.Name} lacks the '{AppDbContext.TenantFilter}' query filter");
            Assert.Equal("tenant_id", entity.FindPrimaryKey()!.Properties[0].GetColumnName());
        }
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_forces_row_level_security_and_the_app_role_cannot_bypass_it()
    {
        await using var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.schemaname = 'public'),
                   pg_get_userbyid(c.relowner)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            """, connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                tables.Add(table);
                Assert.True(reader.GetBoolean(1), $"{table}: ROW LEVEL SECURITY is not enabled");
                Assert.True(reader.GetBoolean(2), $"{table}: ROW LEVEL SECURITY is not forced");
                Assert.True(reader.GetBoolean(3), $"{table}: has no policy");
                Assert.Equal("networksaas_owner", reader.GetString(4));
            }
        }

        Assert.Contains("users", tables);
        Assert.Contains("audit_entries", tables);
        await using var role = new NpgsqlCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'networksaas_app'", connection);
        await using var roleReader = await role.ExecuteReaderAsync();
        Assert.True(await roleReader.ReadAsync());
        Assert.False(roleReader.GetBoolean(0));
        Assert.False(roleReader.GetBoolean(1));
    }

    /// <summary>The tenant condition as PostgreSQL prints it back from <c>RowLevelSecurity.CurrentTenant</c>.</summary>
    private const string TenantCondition = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)";

    /// <summary>The tenants table has no tenant_id: anyone reads the directory of slugs, signs up, and a company updates only itself.</summary>
    private static readonly string[] TenantsPolicies =
    [
        "tenants_read PERMISSIVE SELECT to {public} using true check -",
        "tenants_sign_up PERMISSIVE INSERT to {public} using - check true",
        "tenants_update_own PERMISSIVE UPDATE to {public} using (id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid) check (id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)",
    ];

    [Fact]
    public async Task Every_tenant_table_has_exactly_the_tenant_policy_and_an_added_permissive_policy_is_caught()
    {
        await using var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        Assert.Empty(await PolicyProblemsAsync(connection));

        // A permissive policy ORs with the tenant policy: one USING (true) opens the table to every company.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ScalarAsync(connection, "CREATE POLICY leak ON contacts USING (true)");
            await ScalarAsync(connection, """
                DROP POLICY tenant_isolation ON departments;
                CREATE POLICY tenant_isolation ON departments USING (tenant_id IS NOT NULL) WITH CHECK (tenant_id IS NOT NULL)
                """);
            await ScalarAsync(connection, "CREATE POLICY read_all ON tenants FOR SELECT TO networksaas_app USING (true)");
            var problems = await PolicyProblemsAsync(connection);
            Assert.Equal(
            [
                "contacts: unexpected leak PERMISSIVE ALL to {public} using true check -",
                "departments: missing tenant_isolation PERMISSIVE ALL to {public} using " + TenantCondition + " check " + TenantCondition,
                "departments: unexpected tenant_isolation PERMISSIVE ALL to {public} using (tenant_id IS NOT NULL) check (tenant_id IS NOT NULL)",
                "tenants: unexpected read_all PERMISSIVE SELECT to {networksaas_app} using true check -",
            ], problems);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await PolicyProblemsAsync(connection));
    }

    /// <summary>
    /// Every policy of the public schema against the expected set: on each table with tenant_id exactly the tenant
    /// policy, on tenants its three, nowhere anything else. Policies are compared as PostgreSQL prints them back.
    /// </summary>
    private static async Task<List<string>> PolicyProblemsAsync(NpgsqlConnection connection)
    {
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["tenants"] = [.. TenantsPolicies] };
        await using (var tables = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            """, connection))
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected[reader.GetString(0)] = [$"tenant_isolation PERMISSIVE ALL to {{public}} using {TenantCondition} check {TenantCondition}"];
            }
        }

        var actual = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using (var policies = new NpgsqlCommand("""
            SELECT tablename, policyname || ' ' || permissive || ' ' || cmd || ' to {' || array_to_string(roles, ',') || '} using '
                   || coalesce(qual, '-') || ' check ' || coalesce(with_check, '-')
            FROM pg_policies WHERE schemaname = 'public'
            """, connection))
        await using (var reader = await policies.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!actual.TryGetValue(table, out var set))
                {
                    actual[table] = set = [];
                }

                set.Add(reader.GetString(1));
            }
        }

        var problems = new List<string>();
        foreach (var table in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(table) ?? [];
            var have = actual.GetValueOrDefault(table) ?? [];
            problems.AddRange(want.Except(have).Order(StringComparer.Ordinal).Select(p => $"{table}: missing {p}"));
            problems.AddRange(have.Except(want).Order(StringComparer.Ordinal).Select(p => $"{table}: unexpected {p}"));
        }

        return problems;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

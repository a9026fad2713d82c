using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Isolation.Citus;
using Npgsql;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// The schema and the SQL stay distributable by tenant_id (Citus co-location): keys, unique indexes and foreign keys
/// carry tenant_id; every statement the app runs is tied to one tenant; deploy/citus/distribute.sql matches the catalog.
/// Citus itself is not installed here: these are the checks that can run on plain PostgreSQL.
/// </summary>
public sealed partial class CitusReadinessTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Every_tenant_table_has_tenant_id_in_its_primary_key_unique_indexes_and_foreign_keys()
    {
        await using var connection = await OpenSuperuserAsync();
        var schema = await CitusCatalog.ReadAsync(connection);
        Assert.Empty(CitusCatalog.Problems(schema));
        Assert.Contains(schema.TenantTables, t => t.Name == "discovery_terms");
        Assert.Contains(schema.TenantTables, t => t.Name == "contact_owner_versions");
        Assert.Empty(ModelProblems(schema));
    }

    [Fact]
    public async Task A_key_unique_index_or_foreign_key_without_tenant_id_is_caught()
    {
        await using var connection = await OpenSuperuserAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var plant = new NpgsqlCommand("""
            CREATE TABLE planted_notes (tenant_id uuid NOT NULL, id uuid PRIMARY KEY, contact_id uuid NOT NULL, code text NOT NULL);
            CREATE UNIQUE INDEX ux_planted_notes_code ON planted_notes (code) WHERE code <> '';
            ALTER TABLE planted_notes ADD CONSTRAINT fk_planted_notes_contacts FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (id, tenant_id);
            CREATE TABLE planted_settings (id int PRIMARY KEY, contact_tenant uuid, contact_id uuid,
                FOREIGN KEY (contact_tenant, contact_id) REFERENCES contacts (tenant_id, id));
            """, connection))
        {
            await plant.ExecuteNonQueryAsync();
        }

        var problems = CitusCatalog.Problems(await CitusCatalog.ReadAsync(connection));
        Assert.Collection(problems.Order(StringComparer.Ordinal),
            p => Assert.StartsWith("planted_notes: foreign key fk_planted_notes_contacts (tenant_id, contact_id) -> contacts (id, tenant_id) does not pair tenant_id", p, StringComparison.Ordinal),
            p => Assert.StartsWith("planted_notes: primary key (id) lacks tenant_id", p, StringComparison.Ordinal),
            p => Assert.StartsWith("planted_notes: unique index ux_planted_notes_code (code) lacks tenant_id", p, StringComparison.Ordinal),
            p => Assert.StartsWith("planted_settings: a table without tenant_id that is not on the reviewed list", p, StringComparison.Ordinal),
            p => Assert.StartsWith("planted_settings: foreign key planted_settings_contact_tenant_contact_id_fkey from a global table to the tenant table contacts", p, StringComparison.Ordinal));
        await transaction.RollbackAsync();
    }

    /// <summary>The EF model agrees: ITenantOwned exactly on the tables with tenant_id, tenant_id in keys, unique indexes and foreign keys.</summary>
    private List<string> ModelProblems(CitusCatalog.Schema schema)
    {
        using var scope = App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var tenantTables = schema.TenantTables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            var owned = typeof(ITenantOwned).IsAssignableFrom(entity.ClrType);
            if (CitusCatalog.GlobalTenantTables.ContainsKey(table))
            {
                continue;
            }

            if (owned != tenantTables.Contains(table))
            {
                problems.Add($"{entity.ClrType.Name} ({table}): ITenantOwned is {owned} but the table {(owned ? "is not" : "is")} a tenant table");
                continue;
            }

            if (!owned)
            {
                continue;
            }

            if (!entity.FindPrimaryKey()!.Properties.Any(p => p.GetColumnName() == "tenant_id"))
            {
                problems.Add($"{entity.ClrType.Name}: HasKey lacks TenantId");
            }

            foreach (var index in entity.GetIndexes().Where(i => i.IsUnique && i.Properties.All(p => p.GetColumnName() != "tenant_id")))
            {
                problems.Add($"{entity.ClrType.Name}: unique index {index.GetDatabaseName()} lacks TenantId");
            }

            foreach (var key in entity.GetForeignKeys().Where(k => typeof(ITenantOwned).IsAssignableFrom(k.PrincipalEntityType.ClrType)))
            {
                var dependent = key.Properties.Select(p => p.GetColumnName()).ToList();
                var principal = key.PrincipalKey.Properties.Select(p => p.GetColumnName()).ToList();
                var position = dependent.IndexOf("tenant_id");
                if (position < 0 || principal[position] != "tenant_id")
                {
                    problems.Add($"{entity.ClrType.Name}: foreign key to {key.PrincipalEntityType.ClrType.Name} ({string.Join(", ", dependent)}) does not pair TenantId with TenantId");
                }
            }
        }

        return problems;
    }

    [Fact]
    public async Task Every_statement_the_pages_run_is_tied_to_one_tenant()
    {
        var capture = new StatementCapture(SuperUserConnectionString, Cluster.Server.ClusterDirectory);
        await capture.StartAsync();
        var (alpha, admin) = await App.CreateTenantAsync("alpha");
        var (bravo, bravoAdmin) = await App.CreateTenantAsync("bravo");
        var ids = await TenantPageMatrix.SeedAsync(App, alpha, admin);
        await TenantPageMatrix.SeedAsync(App, bravo, bravoAdmin);
        var colleague = await App.CreateUserAsync(alpha, "colleague@alpha.test");
        await App.CreateContactAsync(alpha, colleague.Id, "Tanaka", "Hanako", "alpha Client Corp", ContactVisibility.Discoverable,
            email: "secret.person@alpha-client.test", title: "Purchasing manager");
        var client = await App.SignInAsync("alpha", admin.Email!);

        var paths = TenantPageMatrix.Rows.Select(r => r.Path(ids)).Concat(
        [
            "discover?company=Client", "discover?keywords=Purchasing", "discover?keywords=Buyer&company=Client", "discover?openTo=SalesIntroductions",
            "contacts?q=Secret", "contacts?q=Client&sort=Company", "contacts/2", $"companies/{ids.OrganizationId}",
        ]);
        foreach (var path in paths)
        {
            var response = await client.GetAsync($"/alpha/{path}");
            Assert.True((int)response.StatusCode < 500, $"GET /alpha/{path} answered {(int)response.StatusCode}");
        }

        await client.PostFormAsync("/alpha/contacts/new", new()
        {
            ["Input.FamilyName"] = "Sato", ["Input.GivenName"] = "Ken", ["Input.CompanyName"] = "alpha Client Corp", ["Input.Title"] = "Buyer",
            ["Input.Depth"] = "3", ["Input.Visibility"] = nameof(ContactVisibility.Shared),
        }, "/alpha/contacts/new");
        await client.PostFormAsync($"/alpha/contacts/{ids.ContactId}/edit", new()
        {
            ["Input.FamilyName"] = "Secret", ["Input.GivenName"] = "Renamed", ["Input.CompanyName"] = "alpha Client Corp", ["Input.Depth"] = "4",
            ["Input.Visibility"] = nameof(ContactVisibility.Discoverable),
        }, $"/alpha/contacts/{ids.ContactId}/edit");
        await client.PostFormAsync("/alpha/exports?handler=MyContacts", new() { ["format"] = "Csv" }, "/alpha/exports");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alpha/discover?keywords=Buyer")).StatusCode);

        var statements = await capture.StopAsync();
        await using var connection = await OpenSuperuserAsync();
        var tables = (await CitusCatalog.ReadAsync(connection)).ByOid;
        await using var parser = await PostgresParser.OpenAsync(SuperUserConnectionString);
        var problems = new List<string>();
        var checkedStatements = 0;
        var tenantStatements = 0;
        foreach (var statement in statements.Where(s => IsQuery(s.Sql)).DistinctBy(s => s.Sql + "\n" + string.Join(",", s.Parameters.Values)))
        {
            ParseNode tree;
            try
            {
                tree = await parser.ParseAsync(statement.Sql, statement.Parameters.Keys.DefaultIfEmpty(0).Max(), statement.Parameters);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"PostgreSQL could not parse a statement the app ran ({e.MessageText}): {statement.Sql}\n    values: {string.Join(", ", statement.Parameters.Select(p => $"${p.Key} = {p.Value}"))}", e);
            }

            checkedStatements++;
            tenantStatements += MentionsTenantTable(tree, tables) ? 1 : 0;
            problems.AddRange(TenantCoLocation.Problems(tree, tables, statement.Parameters).Select(p => $"{p}\n    in: {statement.Sql}"));
        }

        Assert.True(tenantStatements > 100, $"only {tenantStatements} of {checkedStatements} statements read or wrote tenant tables: was the log captured?");
        Assert.True(statements.Any(s => s.Sql.Contains("discovery_terms", StringComparison.Ordinal)), "discovery ran no statement on its index");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public async Task A_join_without_tenant_equality_and_a_cross_tenant_subquery_are_caught()
    {
        await using var connection = await OpenSuperuserAsync();
        var tables = (await CitusCatalog.ReadAsync(connection)).ByOid;
        await using var parser = await PostgresParser.OpenAsync(SuperUserConnectionString);
        var tenant = Guid.CreateVersion7().ToString();
        var other = Guid.CreateVersion7().ToString();

        async Task<IReadOnlyList<string>> ProblemsAsync(string sql, params string?[] values) =>
            TenantCoLocation.Problems(await parser.ParseAsync(sql, values.Length), tables,
                values.Select((v, i) => (Key: i + 1, Value: v)).ToDictionary(p => p.Key, p => p.Value));

        // Tied: the filter on one side and tenant equality in the join, a correlated subquery, the same value twice.
        Assert.Empty(await ProblemsAsync("""
            SELECT c.id FROM contacts c JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id
            WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.contact_id = c.id)
              AND c.organization_id IN (SELECT o.id FROM organizations o WHERE o.tenant_id = $2)
            """, tenant, tenant));
        Assert.Empty(await ProblemsAsync($"INSERT INTO departments (tenant_id, id, name, sort_order) VALUES ($1, $2, 'Sales', 0), ('{tenant}', $3, 'HR', 1)",
            tenant, Guid.CreateVersion7().ToString(), Guid.CreateVersion7().ToString()));

        // A join on the owner alone: users rows of every tenant can match.
        Assert.Equal(["users AS u is not tied to the tenant: add u.tenant_id = <the tenant> or join it ON u.tenant_id = <a tied table>.tenant_id"],
            await ProblemsAsync("SELECT c.id, u.display_name FROM contacts c JOIN users u ON u.id = c.owner_id WHERE c.tenant_id = $1", tenant));
        // An outer join's condition on the preserved side filters nothing.
        Assert.Contains(await ProblemsAsync("SELECT c.id FROM contacts c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND c.tenant_id = $1", tenant),
            p => p.StartsWith("contacts AS c is not tied", StringComparison.Ordinal));
        // OR does not tie.
        Assert.Single(await ProblemsAsync("SELECT c.id FROM contacts c WHERE c.tenant_id = $1 OR c.depth > 3", tenant));
        // A subquery into another tenant, and one into no tenant at all.
        Assert.Contains(await ProblemsAsync("""
            SELECT c.id FROM contacts c WHERE c.tenant_id = $1
              AND EXISTS (SELECT 1 FROM contacts o WHERE o.tenant_id = $2 AND o.emails = c.emails)
            """, tenant, other), p => p.StartsWith("the statement reaches several tenants", StringComparison.Ordinal));
        Assert.Equal(["contacts AS o is not tied to the tenant: add o.tenant_id = <the tenant> or join it ON o.tenant_id = <a tied table>.tenant_id"],
            await ProblemsAsync("SELECT c.id, (SELECT count(*) FROM contacts o WHERE o.emails = c.emails) FROM contacts c WHERE c.tenant_id = $1", tenant));
        // A write without the tenant in its WHERE, and an insert whose tenant comes from nowhere.
        Assert.Single(await ProblemsAsync("UPDATE contacts SET depth = 1 WHERE owner_id = $1", tenant));
        Assert.Equal(2, (await ProblemsAsync("INSERT INTO departments (tenant_id, id, name, sort_order) SELECT d.tenant_id, $1, d.name, 0 FROM departments d WHERE d.name = 'Sales'",
            Guid.CreateVersion7().ToString())).Count(p => p.Contains("is not tied", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_distribution_plan_covers_every_table_colocated_by_tenant_id_in_foreign_key_order()
    {
        await using var connection = await OpenSuperuserAsync();
        var schema = await CitusCatalog.ReadAsync(connection);
        var plan = DistributionPlan.Read(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "deploy", "citus", "distribute.sql")));
        Assert.Empty(DistributionPlan.Problems(plan, schema, await FunctionsAsync(connection)));

        // A table the plan does not know fails, and so does a plan that distributes a table before the one it references.
        var stale = DistributionPlan.Problems(plan with { Calls = [.. plan.Calls.Where(c => c.Table != "interactions")] }, schema, []);
        Assert.Contains($"interactions: a tenant table that distribute.sql does not distribute: add SELECT create_distributed_table('interactions', 'tenant_id', colocate_with => '{plan.Anchor}')", stale);
        var contacts = plan.Calls.Single(c => c.Table == "contacts");
        var reordered = DistributionPlan.Problems(plan with { Calls = [.. plan.Calls.Where(c => c != contacts), contacts] }, schema, []);
        Assert.Contains(reordered, p => p.StartsWith("interactions: distributed before contacts, which its foreign key", StringComparison.Ordinal));
    }

    private static async Task<List<string>> FunctionsAsync(NpgsqlConnection connection)
    {
        // The schema's own functions (not an extension's): queries and triggers call them on the nodes that hold the shards.
        await using var command = new NpgsqlCommand("""
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1
            """, connection);
        var functions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            functions.Add(reader.GetString(0));
        }

        return functions;
    }

    private static bool IsQuery(string sql) => QueryStart().IsMatch(sql);

    private static bool MentionsTenantTable(ParseNode tree, IReadOnlyDictionary<uint, CatalogTable> tables) =>
        Nodes(tree).Any(n => n.Type == "RANGETBLENTRY" && n.Atom("relid") is { } relid && tables.TryGetValue(uint.Parse(relid, System.Globalization.CultureInfo.InvariantCulture), out var t)
                             && t.TenantAttribute is not null);

    private static IEnumerable<ParseNode> Nodes(object? value) => value switch
    {
        ParseNode node => node.Fields.Values.SelectMany(Nodes).Prepend(node),
        IReadOnlyList<object?> list => list.SelectMany(Nodes),
        _ => [],
    };

    [GeneratedRegex(@"^\s*\(?\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QueryStart();

    private async Task<NpgsqlConnection> OpenSuperuserAsync()
    {
        var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

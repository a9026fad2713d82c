using Npgsql;

namespace NetworkSaaS.Tests.Isolation.Citus;

/// <summary>
/// The schema as Citus would see it, read from PostgreSQL's catalog (schema public; Hangfire's schema stays on the
/// coordinator). Tenant tables are distributed by tenant_id; the reviewed lists below say what else exists on purpose.
/// </summary>
public static class CitusCatalog
{
    /// <summary>Global tables: reference tables on Citus (a copy on every node), reviewed one by one.</summary>
    public static readonly IReadOnlySet<string> ReferenceTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "tenants", // the company list, read by every request before a tenant is known
        "roles", // the five role names (Admin, HR, Manager, Executive, Employee)
        "role_claims",
        "platform_operators", // the platform's own staff, no tenant
        "platform_audit_entries",
        "data_protection_keys", // the key ring every web and worker process shares
    };

    /// <summary>Tables that stay on the coordinator only and are never joined with tenant data.</summary>
    public static readonly IReadOnlySet<string> CoordinatorTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "__EFMigrationsHistory",
        "rate_limit_counters", // hot, short-lived sign-in counters, read and written alone: a reference table would write every node
    };

    /// <summary>
    /// Tables with tenant_id that are global by design, so not distributed: a rule spans companies. Each needs the
    /// change named in deploy/citus/README.md before it can become a reference table.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> GlobalTenantTables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sso_domains"] = "an email domain belongs to one company across the platform (unique index on domain alone)",
    };

    public sealed record Table(uint Oid, string Name, int? TenantAttribute, IReadOnlyList<string> PrimaryKey);

    public sealed record UniqueIndex(string Table, string Name, IReadOnlyList<string> KeyColumns, string Definition);

    public sealed record ForeignKey(string Table, string Name, IReadOnlyList<string> Columns, string Referenced, IReadOnlyList<string> ReferencedColumns);

    public sealed record Schema(IReadOnlyList<Table> Tables, IReadOnlyList<UniqueIndex> UniqueIndexes, IReadOnlyList<ForeignKey> ForeignKeys)
    {
        public IEnumerable<Table> TenantTables => Tables.Where(t => t.TenantAttribute is not null && !GlobalTenantTables.ContainsKey(t.Name));

        public IReadOnlyDictionary<uint, CatalogTable> ByOid => Tables.ToDictionary(t => t.Oid, t => new CatalogTable(t.Oid, t.Name, t.TenantAttribute));
    }

    public static async Task<Schema> ReadAsync(NpgsqlConnection connection)
    {
        var tables = new List<Table>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.oid, c.relname,
                   (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)::int,
                   coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_constraint pk
                             CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(att, ord)
                             JOIN pg_attribute a ON a.attrelid = pk.conrelid AND a.attnum = k.att
                             WHERE pk.conrelid = c.oid AND pk.contype = 'p'), '{}')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(new Table(reader.GetFieldValue<uint>(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetFieldValue<string[]>(3)));
            }
        }

        var indexes = new List<UniqueIndex>();
        await using (var command = new NpgsqlCommand("""
            SELECT t.relname, i.relname,
                   coalesce((SELECT array_agg(coalesce(a.attname::text, '(expression)') ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(att, ord)
                             LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.att
                             WHERE k.ord <= x.indnkeyatts), '{}'),
                   pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary
            ORDER BY 1, 2
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(new UniqueIndex(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3)));
            }
        }

        var keys = new List<ForeignKey>();
        await using (var command = new NpgsqlCommand("""
            SELECT t.relname, f.conname,
                   (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(f.conkey) WITH ORDINALITY AS k(att, ord)
                    JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.att),
                   r.relname,
                   (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(f.confkey) WITH ORDINALITY AS k(att, ord)
                    JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.att)
            FROM pg_constraint f
            JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND f.contype = 'f'
            ORDER BY 1, 2
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(new ForeignKey(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetFieldValue<string[]>(4)));
            }
        }

        return new Schema(tables, indexes, keys);
    }

    /// <summary>Everything in the schema that keeps Citus from distributing the tenant tables by tenant_id, with the fix.</summary>
    public static List<string> Problems(Schema schema)
    {
        var problems = new List<string>();
        var tenant = schema.TenantTables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var table in schema.Tables.Where(t => t.TenantAttribute is null && !ReferenceTables.Contains(t.Name) && !CoordinatorTables.Contains(t.Name)))
        {
            problems.Add($"{table.Name}: a table without tenant_id that is not on the reviewed list of global tables: add tenant_id (tenant data) " +
                         "or add it to CitusCatalog.ReferenceTables and deploy/citus/distribute.sql (global data)");
        }

        foreach (var table in schema.TenantTables.Where(t => !t.PrimaryKey.Contains("tenant_id")))
        {
            problems.Add($"{table.Name}: primary key ({string.Join(", ", table.PrimaryKey)}) lacks tenant_id: make it (tenant_id, …)");
        }

        foreach (var index in schema.UniqueIndexes.Where(i => tenant.Contains(i.Table) && !i.KeyColumns.Contains("tenant_id")))
        {
            problems.Add($"{index.Table}: unique index {index.Name} ({string.Join(", ", index.KeyColumns)}) lacks tenant_id: add tenant_id to its key columns ({index.Definition})");
        }

        foreach (var key in schema.ForeignKeys)
        {
            var fromTenant = tenant.Contains(key.Table);
            var toTenant = tenant.Contains(key.Referenced);
            var reference = ReferenceTables.Contains(key.Referenced) || GlobalTenantTables.ContainsKey(key.Referenced);
            if (fromTenant && toTenant)
            {
                var position = key.Columns.ToList().IndexOf("tenant_id");
                if (position < 0 || key.ReferencedColumns[position] != "tenant_id")
                {
                    problems.Add($"{key.Table}: foreign key {key.Name} ({string.Join(", ", key.Columns)}) -> {key.Referenced} ({string.Join(", ", key.ReferencedColumns)}) " +
                                 "does not pair tenant_id with tenant_id: reference (tenant_id, …) on both sides");
                }
            }
            else if (fromTenant && !reference)
            {
                problems.Add($"{key.Table}: foreign key {key.Name} -> {key.Referenced}, which is neither a tenant table nor a reference table");
            }
            else if (!fromTenant && toTenant && !GlobalTenantTables.ContainsKey(key.Table))
            {
                problems.Add($"{key.Table}: foreign key {key.Name} from a global table to the tenant table {key.Referenced}: Citus cannot keep a reference table pointing into a distributed one");
            }
        }

        return problems;
    }
}

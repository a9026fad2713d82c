using System.Text.RegularExpressions;

namespace NetworkSaaS.Tests.Isolation.Citus;

/// <summary>deploy/citus/distribute.sql read back: its Citus calls in file order (comments ignored).</summary>
public sealed partial record DistributionPlan(IReadOnlyList<DistributionPlan.PlannedTable> Calls, IReadOnlySet<string> DroppedConstraints, IReadOnlySet<string> Functions)
{
    public sealed record PlannedTable(string Table, bool Reference, string? Column, string? ColocateWith);

    /// <summary>The first distributed table: every other one is co-located with it.</summary>
    public string Anchor => Calls.First(c => !c.Reference).Table;

    public static DistributionPlan Read(string sql)
    {
        var code = string.Join('\n', sql.Split('\n').Select(line => line.Split("--")[0]));
        var calls = CallPattern().Matches(code).Select(m => m.Groups["kind"].Value == "reference"
            ? new PlannedTable(m.Groups["table"].Value, true, null, null)
            : new PlannedTable(m.Groups["table"].Value, false, m.Groups["column"].Value, m.Groups["colocate"].Success ? m.Groups["colocate"].Value : null)).ToList();
        var dropped = DroppedConstraint().Matches(code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var functions = Function().Matches(code).Select(m => m.Groups["signature"].Value.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return new DistributionPlan(calls, dropped, functions);
    }

    /// <summary>Where the plan and the catalog disagree, each with the line to add or move.</summary>
    public static List<string> Problems(DistributionPlan plan, CitusCatalog.Schema schema, IReadOnlyList<string> functions)
    {
        var problems = new List<string>();
        var known = schema.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Calls.Count; i++)
        {
            var call = plan.Calls[i];
            if (!position.TryAdd(call.Table, i))
            {
                problems.Add($"{call.Table}: distribute.sql names it twice");
            }

            if (!known.Contains(call.Table))
            {
                problems.Add($"{call.Table}: distribute.sql names a table the schema does not have");
            }
        }

        var anchor = plan.Anchor;
        foreach (var table in schema.TenantTables)
        {
            var call = plan.Calls.FirstOrDefault(c => c.Table == table.Name);
            var add = $"SELECT create_distributed_table('{table.Name}', 'tenant_id', colocate_with => '{anchor}')";
            if (call is null)
            {
                problems.Add($"{table.Name}: a tenant table that distribute.sql does not distribute: add {add}");
            }
            else if (call.Reference || call.Column != "tenant_id" || (table.Name == anchor ? call.ColocateWith != "none" : call.ColocateWith != anchor))
            {
                problems.Add($"{table.Name}: must be distributed by tenant_id and co-located with {anchor} (the first, with colocate_with => 'none'): {add}");
            }
        }

        foreach (var table in CitusCatalog.ReferenceTables.Concat(CitusCatalog.GlobalTenantTables.Keys))
        {
            if (!plan.Calls.Any(c => c.Table == table && c.Reference))
            {
                problems.Add($"{table}: a global table that distribute.sql does not make a reference table: add SELECT create_reference_table('{table}')");
            }
        }

        foreach (var table in CitusCatalog.CoordinatorTables.Where(position.ContainsKey))
        {
            problems.Add($"{table}: stays on the coordinator; remove it from distribute.sql");
        }

        foreach (var key in schema.ForeignKeys.Where(k => k.Table != k.Referenced && !plan.DroppedConstraints.Contains(k.Name)))
        {
            if (position.TryGetValue(key.Table, out var from) && position.TryGetValue(key.Referenced, out var to) && to > from)
            {
                problems.Add($"{key.Table}: distributed before {key.Referenced}, which its foreign key {key.Name} references: move {key.Referenced} up");
            }
        }

        foreach (var function in functions.Where(f => !plan.Functions.Contains(f.Replace(" ", "", StringComparison.Ordinal))))
        {
            problems.Add($"{function}: a function of the schema that distribute.sql does not create on the workers: add SELECT create_distributed_function('{function}')");
        }

        return problems;
    }

    [GeneratedRegex(@"create_(?<kind>reference|distributed)_table\(\s*'(?<table>[^']+)'(\s*,\s*'(?<column>[^']+)'(\s*,\s*colocate_with\s*=>\s*'(?<colocate>[^']+)')?)?\s*\)")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"DROP CONSTRAINT (IF EXISTS )?(?<name>\w+)")]
    private static partial Regex DroppedConstraint();

    [GeneratedRegex(@"create_distributed_function\(\s*'(?<signature>[^']+)'\s*\)")]
    private static partial Regex Function();
}

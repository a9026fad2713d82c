using System.Globalization;

namespace NetworkSaaS.Tests.Isolation.Citus;

/// <summary>A table as the checks see it: its oid, name and the attribute number of tenant_id (null: a global table).</summary>
public sealed record CatalogTable(uint Oid, string Name, int? TenantAttribute);

/// <summary>
/// Citus co-location over one statement's parse tree: every use of a tenant table must be tied to the tenant, either
/// by <c>tenant_id = value</c> in its own query level's conjunctive conditions (WHERE, an inner join's ON, the nullable
/// side of an outer join's ON; an INSERT's tenant_id value) or by <c>a.tenant_id = b.tenant_id</c> to a use that is
/// tied (also from an enclosing query: correlation), through subqueries, CTEs and VALUES; and all uses must be tied to
/// the same value. Conditions under OR/NOT tie nothing. That is what lets Citus route the statement to the one shard
/// group holding that tenant (router query) or push a join down to co-located shards.
/// </summary>
public sealed class TenantCoLocation
{
    /// <summary>uuid = uuid (pg_operator oid 2972, fixed since PostgreSQL 8.3).</summary>
    private const string UuidEquality = "2972";
    private const int Select = 1, Update = 2, Insert = 3, Delete = 4;

    private readonly IReadOnlyDictionary<uint, CatalogTable> _tables;
    private readonly IReadOnlyDictionary<int, string?> _parameters;
    private readonly Dictionary<string, Slot> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Rte Rte, Slot Slot)> _tenantUses = [];
    private readonly List<string> _problems = [];

    private TenantCoLocation(IReadOnlyDictionary<uint, CatalogTable> tables, IReadOnlyDictionary<int, string?> parameters)
    {
        _tables = tables;
        _parameters = parameters;
    }

    /// <summary>What is wrong with the statement for Citus; empty when every tenant table in it is tied to one tenant.</summary>
    public static IReadOnlyList<string> Problems(ParseNode query, IReadOnlyDictionary<uint, CatalogTable> tables, IReadOnlyDictionary<int, string?> parameters)
    {
        var check = new TenantCoLocation(tables, parameters);
        check.Visit(query, parent: null);
        return check.Conclude();
    }

    private List<string> Conclude()
    {
        foreach (var value in _values.Values)
        {
            Propagate(value, value.Values.Single());
        }

        var tenants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rte, slot) in _tenantUses)
        {
            if (slot.Values.Count == 0)
            {
                _problems.Add($"{rte.Label} is not tied to the tenant: add {rte.Alias}.tenant_id = <the tenant> or join it ON {rte.Alias}.tenant_id = <a tied table>.tenant_id");
            }

            tenants.UnionWith(slot.Values);
        }

        if (tenants.Count > 1)
        {
            _problems.Add($"the statement reaches several tenants ({string.Join(", ", tenants.Order(StringComparer.Ordinal))}): " +
                          string.Join(", ", _tenantUses.Select(u => $"{u.Rte.Label} = {string.Join("|", u.Slot.Values)}")));
        }

        return _problems;
    }

    private static void Propagate(Slot from, string value)
    {
        var pending = new Stack<Slot>([from]);
        while (pending.TryPop(out var slot))
        {
            foreach (var next in slot.Next.Where(next => next.Values.Add(value)))
            {
                pending.Push(next);
            }
        }
    }

    private Level Visit(ParseNode query, Level? parent)
    {
        var level = new Level(query, parent);
        var commandType = query.Number("commandType");
        foreach (var cte in query.List("cteList").OfType<ParseNode>())
        {
            level.Ctes[cte.Atom("ctename")!] = Visit(cte.Node("ctequery")!, level);
        }

        var rtable = query.List("rtable");
        for (var i = 0; i < rtable.Count; i++)
        {
            var entry = (ParseNode)rtable[i]!;
            var rte = new Rte(level, i + 1, entry);
            level.Rtes[i + 1] = rte;
            if (entry.Atom("rtekind") == "1")
            {
                rte.Subquery = Visit(entry.Node("subquery")!, level);
            }
            else if (entry.Atom("rtekind") == "0" && _tables.TryGetValue(uint.Parse(entry.Atom("relid")!, CultureInfo.InvariantCulture), out var table))
            {
                rte.Table = table;
                rte.Label = $"{table.Name} AS {rte.Alias}";
                if (table.TenantAttribute is { } attribute)
                {
                    _tenantUses.Add((rte, Column(rte, attribute)));
                }
            }
        }

        if (commandType is not (Select or Update or Insert or Delete))
        {
            _problems.Add($"command type {commandType} is not analysed");
            return level;
        }

        if (query.Node("jointree") is { } jointree)
        {
            Tie(level, jointree);
        }

        var resultRelation = query.Number("resultRelation");
        if (resultRelation > 0 && level.Rtes[resultRelation].Table is { TenantAttribute: { } tenantAttribute })
        {
            var targetRte = level.Rtes[resultRelation];
            var assigned = query.List("targetList").OfType<ParseNode>().FirstOrDefault(t => t.Atom("resno") == tenantAttribute.ToString(CultureInfo.InvariantCulture));
            if (commandType == Insert && assigned is not null && Resolve(assigned.Node("expr"), level) is { } value)
            {
                value.Next.Add(Column(targetRte, tenantAttribute));
            }
            else if (commandType == Update && assigned is not null)
            {
                _problems.Add($"{targetRte.Label}: UPDATE sets tenant_id, the distribution column (Citus refuses it)");
            }

            if (query.Node("onConflict") is { } onConflict && onConflict.Number("exclRelIndex") is > 0 and var excluded)
            {
                var inserted = Column(targetRte, tenantAttribute);
                var excludedColumn = Column(level.Rtes[excluded], tenantAttribute);
                inserted.Next.Add(excludedColumn);
                excludedColumn.Next.Add(inserted);
            }
        }

        WalkForSubLinks(query, level);
        return level;
    }

    /// <summary>The equalities of a FROM/JOIN tree: which columns they restrict, for each join kind.</summary>
    private void Tie(Level level, ParseNode node)
    {
        switch (node.Type)
        {
            case "FROMEXPR":
                foreach (var item in node.List("fromlist").OfType<ParseNode>())
                {
                    Tie(level, item);
                }

                AddEqualities(level, node.Node("quals"), restricted: _ => true);
                break;
            case "JOINEXPR":
                Tie(level, node.Node("larg")!);
                Tie(level, node.Node("rarg")!);
                var left = RangeIndexes(node.Node("larg")!);
                var right = RangeIndexes(node.Node("rarg")!);
                Func<int, bool> restricted = node.Atom("jointype") switch
                {
                    "0" => _ => true, // inner: the condition filters both sides
                    "1" => right.Contains, // left: only the nullable right side
                    "3" => left.Contains, // right: only the nullable left side
                    _ => _ => false, // full: no side is filtered
                };
                AddEqualities(level, node.Node("quals"), restricted);
                break;
        }
    }

    private static HashSet<int> RangeIndexes(ParseNode node) => node.Type switch
    {
        "RANGETBLREF" => [node.Number("rtindex")],
        "JOINEXPR" => [.. RangeIndexes(node.Node("larg")!), .. RangeIndexes(node.Node("rarg")!), node.Number("rtindex")],
        "FROMEXPR" => [.. node.List("fromlist").OfType<ParseNode>().SelectMany(RangeIndexes)],
        _ => [],
    };

    /// <summary>
    /// <c>x = y</c> among the AND-ed conditions: y's value ties x when x is a column of this level that the condition
    /// restricts (and the other way round). Columns of enclosing levels are never restricted by a subquery's condition.
    /// </summary>
    private void AddEqualities(Level level, ParseNode? quals, Func<int, bool> restricted)
    {
        foreach (var condition in Conjuncts(quals))
        {
            if (condition.Type != "OPEXPR" || condition.Atom("opno") != UuidEquality)
            {
                continue;
            }

            var args = condition.List("args").OfType<ParseNode>().ToList();
            var a = Resolve(args[0], level);
            var b = Resolve(args[1], level);
            if (a is null || b is null)
            {
                continue;
            }

            if (IsRestricted(args[0], restricted))
            {
                b.Next.Add(a);
            }

            if (IsRestricted(args[1], restricted))
            {
                a.Next.Add(b);
            }
        }
    }

    private static bool IsRestricted(ParseNode expression, Func<int, bool> restricted) =>
        Unwrap(expression) is { Type: "VAR" } variable && variable.Atom("varlevelsup") == "0" && restricted(variable.Number("varno"));

    private static IEnumerable<ParseNode> Conjuncts(ParseNode? quals)
    {
        if (quals is null)
        {
            yield break;
        }

        if (quals.Type == "BOOLEXPR" && quals.Atom("boolop") == "and")
        {
            foreach (var part in quals.List("args").OfType<ParseNode>().SelectMany(Conjuncts))
            {
                yield return part;
            }
        }
        else if (quals.Type != "BOOLEXPR")
        {
            yield return quals;
        }
    }

    private static ParseNode? Unwrap(ParseNode? expression)
    {
        while (expression is not null)
        {
            if (expression.Type is "RELABELTYPE" or "COERCEVIAIO")
            {
                expression = expression.Node("arg");
            }
            else if (expression.Type == "FUNCEXPR" && expression.Atom("funcformat") is "1" or "2" && expression.List("args").Count == 1)
            {
                expression = expression.List("args")[0] as ParseNode;
            }
            else
            {
                return expression;
            }
        }

        return null;
    }

    /// <summary>The slot an expression's value lives in: a column, or a tenant value (parameter or uuid constant).</summary>
    private Slot? Resolve(ParseNode? expression, Level level)
    {
        expression = Unwrap(expression);
        switch (expression?.Type)
        {
            case "VAR":
                var owner = level;
                for (var up = expression.Number("varlevelsup"); up > 0; up--)
                {
                    owner = owner.Parent!;
                }

                return owner.Rtes.TryGetValue(expression.Number("varno"), out var rte) ? Column(rte, expression.Number("varattno")) : null;
            case "PARAM" when expression.Atom("paramkind") == "0":
                return _parameters.GetValueOrDefault(expression.Number("paramid")) is { } parameter ? Value(parameter) : null;
            case "CONST" when expression.Atom("consttype") == "2950" && expression.Atom("constisnull") == "false":
                return Value(UuidConstant(expression));
            default:
                return null;
        }
    }

    private Slot Value(string value)
    {
        if (!_values.TryGetValue(value, out var slot))
        {
            _values[value] = slot = new Slot();
            slot.Values.Add(value.ToLowerInvariant());
        }

        return slot;
    }

    /// <summary>A uuid constant's 16 bytes as the server prints them (<c>16 [ -112 1 … ]</c>, signed chars).</summary>
    private static string UuidConstant(ParseNode constant)
    {
        var printed = (IReadOnlyList<object?>)constant.Fields["constvalue"]!;
        var bytes = ((IReadOnlyList<object?>)printed[1]!).Select(b => unchecked((byte)sbyte.Parse((string)b!, CultureInfo.InvariantCulture))).ToArray();
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private Slot Column(Rte rte, int attribute)
    {
        if (rte.Columns.TryGetValue(attribute, out var known))
        {
            return known;
        }

        // Guard against a cycle through a recursive CTE: the column is its own slot while being resolved.
        var slot = new Slot();
        rte.Columns[attribute] = slot;
        var resolved = rte.Entry.Atom("rtekind") switch
        {
            "1" => OutputColumn(rte.Subquery!, attribute),
            "2" => Resolve(rte.Entry.List("joinaliasvars").ElementAtOrDefault(attribute - 1) as ParseNode, rte.Level),
            "5" => ValuesColumn(rte, attribute),
            "6" => CteColumn(rte, attribute),
            _ => null,
        };
        if (resolved is not null)
        {
            resolved.Next.Add(slot);
        }

        return slot;
    }

    private Slot? OutputColumn(Level query, int attribute)
    {
        var entry = query.Query.List("targetList").OfType<ParseNode>().FirstOrDefault(t => t.Atom("resno") == attribute.ToString(CultureInfo.InvariantCulture));
        if (query.Query.Node("setOperations") is not null)
        {
            // UNION/INTERSECT/EXCEPT: the output column is each arm's column (an arm's own tenant tables are checked anyway).
            var slot = new Slot();
            foreach (var arm in query.Rtes.Values.Where(r => r.Subquery is not null))
            {
                OutputColumn(arm.Subquery!, attribute)?.Next.Add(slot);
            }

            return slot;
        }

        return entry is null ? null : Resolve(entry.Node("expr"), query);
    }

    private Slot? CteColumn(Rte rte, int attribute)
    {
        var level = rte.Level;
        for (var up = rte.Entry.Number("ctelevelsup"); up > 0; up--)
        {
            level = level.Parent!;
        }

        return level.Ctes.TryGetValue(rte.Entry.Atom("ctename")!, out var cte) ? OutputColumn(cte, attribute) : null;
    }

    /// <summary>A VALUES column is tied when every row gives it the same tenant value.</summary>
    private Slot? ValuesColumn(Rte rte, int attribute)
    {
        var rows = rte.Entry.List("values_lists").OfType<IReadOnlyList<object?>>().ToList();
        var slots = rows.Select(row => Resolve(row.ElementAtOrDefault(attribute - 1) as ParseNode, rte.Level)).ToList();
        var values = _values.Values.ToHashSet();
        return slots.Count > 0 && slots.All(s => s is not null && values.Contains(s)) && slots.Distinct().Count() == 1 ? slots[0] : null;
    }

    /// <summary>Subqueries in expressions (EXISTS, IN, scalar) are query levels of their own, correlated to this one.</summary>
    private void WalkForSubLinks(object? value, Level level)
    {
        switch (value)
        {
            case ParseNode { Type: "SUBLINK" } subLink:
                Visit(subLink.Node("subselect")!, level);
                WalkForSubLinks(subLink.Node("testexpr"), level);
                break;
            case ParseNode { Type: "QUERY" } query when query != level.Query:
                break;
            case ParseNode node:
                foreach (var (field, child) in node.Fields)
                {
                    if (field is not ("subquery" or "ctequery" or "cteList"))
                    {
                        WalkForSubLinks(child, level);
                    }
                }

                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                {
                    WalkForSubLinks(item, level);
                }

                break;
        }
    }

    private sealed class Slot
    {
        public HashSet<string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<Slot> Next { get; } = [];
    }

    private sealed class Level(ParseNode query, Level? parent)
    {
        public ParseNode Query { get; } = query;

        public Level? Parent { get; } = parent;

        public Dictionary<int, Rte> Rtes { get; } = [];

        public Dictionary<string, Level> Ctes { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Rte(Level level, int index, ParseNode entry)
    {
        public Level Level { get; } = level;

        public ParseNode Entry { get; } = entry;

        public string Alias { get; } = entry.Node("eref")?.Atom("aliasname") ?? $"#{index}";

        public string Label { get; set; } = $"#{index}";

        public CatalogTable? Table { get; set; }

        public Level? Subquery { get; set; }

        public Dictionary<int, Slot> Columns { get; } = [];
    }
}

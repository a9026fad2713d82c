using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using Npgsql;

namespace NetworkSaaS.Web.Features.Contacts;

public enum NetworkSort
{
    Name,
    RecentlyContacted,
    NextTouch,
    Depth,
    Added,
}

/// <summary>Filters of the "My network" list; all of them live in the URL.</summary>
public sealed class NetworkFilter
{
    public string? Q { get; set; }
    public MeetingChannel? Channel { get; set; }
    public int? Depth { get; set; }
    public bool Overdue { get; set; }
    public string? Tag { get; set; }
    public Guid? Company { get; set; }
    public NetworkSort Sort { get; set; } = NetworkSort.Name;

    /// <summary>Set from <see cref="Paging.PageLinks.Number"/>: model binding would read the Razor Pages route value "page".</summary>
    [BindNever]
    public int Page { get; set; } = 1;
}

public sealed record NetworkRow(
    Guid Id, string DisplayName, string? CompanyName, Guid? OrganizationId, string? Title, int Depth, MeetingChannel Channel,
    ContactVisibility Visibility, DateOnly? LastContactedOn, DateOnly? NextTouchOn, IReadOnlyList<string> Tags);

public sealed record NetworkPage(IReadOnlyList<NetworkRow> Rows, int Total, int OverdueTotal, int Page, int PageCount);

/// <summary>
/// One owner's contacts, searched (names, kana, company, tags, notes…), filtered, sorted and paged in SQL: one statement
/// on one connection (one app.tenant_id round trip), written by hand because each shape below needs SQL that LINQ does
/// not express (window count, UNION ALL over two partial indexes, NULLS LAST). Row-level security applies as everywhere;
/// the tenant condition is repeated so that the (tenant_id, owner_id, …) indexes are used.
/// </summary>
public sealed class MyNetworkQuery(AppDbContext db)
{
    public const int PageSize = 50;

    private const string RowColumns = "c.id, c.display_name, c.company_name, c.organization_id, c.title, c.depth, c.channel, c.visibility, c.last_contacted_on, c.next_touch_on, c.tags";

    /// <summary>What the search reads from the covering index: the id and every sort key.</summary>
    private const string SortColumns = "c.id, c.sort_key, c.last_contacted_on, c.next_touch_on, c.depth, c.created_at";

    public async Task<NetworkPage> RunAsync(Guid ownerId, NetworkFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            batch.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlanForThisBatch));
            var statement = new NpgsqlBatchCommand();
            batch.BatchCommands.Add(statement);
            var offset = new NpgsqlParameter<int> { TypedValue = (page - 1) * PageSize };
            var (pageSql, countSql) = Build(statement.Parameters, offset, ownerId, filter, today);
            statement.CommandText = pageSql;
            var (rows, total, overdue) = await ReadPageAsync(batch, cancellationToken);
            if (rows.Count == 0)
            {
                // No row to carry the counts: nothing matches, or the page is past the end (then show the last one).
                offset.TypedValue = 0;
                statement.CommandText = countSql;
                await using (var reader = await ExecuteAsync(batch, cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    (total, overdue) = (reader.GetInt32(0), reader.GetInt32(1));
                }

                page = Math.Min(page, PageCount(total));
                if (total > 0)
                {
                    offset.TypedValue = (page - 1) * PageSize;
                    statement.CommandText = pageSql;
                    (rows, _, _) = await ReadPageAsync(batch, cancellationToken);
                }
            }

            return new NetworkPage(rows, total, overdue, page, PageCount(total));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The page statement (rows, each carrying the match count and the overdue count) and the count statement for when
    /// no row comes back. Parameters: $1 tenant, $2 owner, $3 today, $4 the page's offset, then the filters'.
    /// </summary>
    private (string Page, string Count) Build(NpgsqlParameterCollection parameters, NpgsqlParameter<int> pageOffset, Guid ownerId, NetworkFilter filter, DateOnly today)
    {
        string Add<T>(T value)
        {
            parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var tenant = Add(db.CurrentTenantId);
        var owner = Add(ownerId);
        var day = Add(today);
        parameters.Add(pageOffset);
        var offset = "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        var where = new StringBuilder($"c.tenant_id = {tenant} AND c.owner_id = {owner}");
        var filtered = false;
        foreach (var term in ContactNames.SearchForm(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            // strpos, not LIKE '%term%': the same substring test without a pattern to escape. Every contact of the owner is
            // tested (see below). pgbench on the benchmark company: a contact that does not match costs strpos about half
            // what it costs LIKE, one that matches about 1.5 times (strpos counts the characters up to the match).
            where.Append(CultureInfo.InvariantCulture, $" AND strpos(c.search_text, {Add(term)}) > 0");
            filtered = true;
        }

        if (filter.Channel is { } channel)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.channel = {Add((int)channel)}");
            filtered = true;
        }

        if (filter.Depth is { } depth)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.depth = {Add(depth)}");
            filtered = true;
        }

        if (filter.Overdue)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.next_touch_on <= {day}");
            filtered = true;
        }

        if (filter.Company is { } company)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.organization_id = {Add(company)}");
            filtered = true;
        }

        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag.Trim();
        if (!filtered && tag is null)
        {
            // The whole list: the page in order from the owner's index for that order (only the page and the rows before it
            // are read, no sort); both counts in one index-only pass over the owner's next-touch index.
            var counts = $"SELECT count(*)::int AS total, (count(*) FILTER (WHERE a.next_touch_on <= {day}))::int AS overdue FROM contacts a WHERE a.tenant_id = {tenant} AND a.owner_id = {owner}";
            return (
                $"SELECT {RowColumns}, n.total, n.overdue FROM ({counts}) n CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE {where} ORDER BY {OrderBy(filter.Sort, "c")} LIMIT {PageSize} OFFSET {offset}) c ORDER BY {OrderBy(filter.Sort, "c")}",
                counts);
        }

        // Search and filters, in one pass over the owner's contacts. Row-level security keeps the substring test from using any index (it
        // is not leakproof), so every contact of the owner is tested; they are read from the covering index
        // ix_contacts_owner_search_covering (index-only, no heap page per contact), plus the rare contacts too long for it
        // from ix_contacts_owner_search_long. The matches are counted (window count) and sorted there, and only the page's
        // rows are then read from the table by primary key. A tag filter needs the tags array, which the index does not
        // hold: then the contacts are read from the table, still in one pass.
        string matching;
        if (tag is null)
        {
            var covered = ContactSearchIndex.CoveredBytes.ToString(CultureInfo.InvariantCulture);
            matching = $"""
                SELECT {SortColumns} FROM contacts c WHERE {where} AND octet_length(c.search_text) <= {covered}
                UNION ALL
                SELECT {SortColumns} FROM contacts c WHERE {where} AND octet_length(c.search_text) > {covered}
                """;
        }
        else
        {
            matching = $"SELECT {SortColumns} FROM contacts c WHERE {where} AND {Add(tag)} = ANY (c.tags)";
        }

        var overdue = $"(SELECT count(*)::int FROM contacts o WHERE o.tenant_id = {tenant} AND o.owner_id = {owner} AND o.next_touch_on <= {day})";
        var order = OrderBy(filter.Sort, "m");
        return (
            $"""
            WITH matching AS ({matching}),
            page AS (SELECT m.*, count(*) OVER () AS total FROM matching m ORDER BY {order} LIMIT {PageSize} OFFSET {offset})
            SELECT {RowColumns}, m.total::int, {overdue}
            FROM page m JOIN contacts c ON c.tenant_id = {tenant} AND c.id = m.id
            ORDER BY {order}
            """,
            $"SELECT (SELECT count(*)::int FROM ({matching}) m), {overdue}");
    }

    /// <summary>
    /// The list's orders, each the order of one (tenant_id, owner_id, …, id) index. Ascending PostgreSQL puts nulls last,
    /// which the next-touch order wants; the id makes every order total; "recently added" reads its index backwards.
    /// </summary>
    private static string OrderBy(NetworkSort sort, string a) => sort switch
    {
        NetworkSort.RecentlyContacted => $"{a}.last_contacted_on DESC NULLS LAST, {a}.sort_key, {a}.id",
        NetworkSort.NextTouch => $"{a}.next_touch_on, {a}.sort_key, {a}.id",
        NetworkSort.Depth => $"{a}.depth DESC, {a}.sort_key, {a}.id",
        NetworkSort.Added => $"{a}.created_at DESC, {a}.id DESC",
        _ => $"{a}.sort_key, {a}.id",
    };

    /// <summary>
    /// Sent before each statement, in the same batch (one round trip, one implicit transaction, so the setting ends with
    /// it). PostgreSQL kept planning the search statement afresh on every run (its custom plans, with the offset known,
    /// look cheaper than the generic one): 0.4 ms of planning for 0.6 ms of execution. The plan does not depend on the
    /// values (the owner's indexes, every contact tested), so the generic plan is the same plan without the planning.
    /// </summary>
    private const string GenericPlanForThisBatch = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)";

    private static async Task<NpgsqlDataReader> ExecuteAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the set_config row
        return reader;
    }

    private static async Task<(List<NetworkRow> Rows, int Total, int Overdue)> ReadPageAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        var rows = new List<NetworkRow>(PageSize);
        int total = 0, overdue = 0;
        await using var reader = await ExecuteAsync(batch, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NetworkRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5),
                (MeetingChannel)reader.GetInt32(6),
                (ContactVisibility)reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                reader.GetFieldValue<string[]>(10)));
            total = reader.GetInt32(11);
            overdue = reader.GetInt32(12);
        }

        return (rows, total, overdue);
    }

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);
}

using System.Globalization;
using System.Text;
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
    public int Page { get; set; } = 1;
}

public sealed record NetworkRow(
    Guid Id, string DisplayName, string? CompanyName, Guid? OrganizationId, string? Title, int Depth, MeetingChannel Channel,
    ContactVisibility Visibility, DateOnly? LastContactedOn, DateOnly? NextTouchOn, IReadOnlyList<string> Tags);

public sealed record NetworkPage(IReadOnlyList<NetworkRow> Rows, int Total, int OverdueTotal, int Page, int PageCount);

/// <summary>One owner's contacts, searched (names, kana, company, tags, notes…), filtered, sorted and paged in SQL.</summary>
public sealed class MyNetworkQuery(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<NetworkPage> RunAsync(Guid ownerId, NetworkFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = ContactNames.SearchForm(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag.Trim();
        var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize);
        var filtered = terms.Count > 0 || filter.Channel is not null || filter.Depth is not null || filter.Overdue || tag is not null || filter.Company is not null;

        // One connection (one app.tenant_id round trip) for the whole page, and usually one statement.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (filtered)
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var found = await SearchAsync(connection, ownerId, terms, tag, filter, today, page, cancellationToken);
                if (found.Rows.Count == 0 && found.Total > 0)
                {
                    // Past the end: show the last page.
                    page = PageCount(found.Total);
                    found = await SearchAsync(connection, ownerId, terms, tag, filter, today, page, cancellationToken);
                }

                return new NetworkPage(found.Rows, found.Total, found.Overdue, found.Total == 0 ? 1 : page, PageCount(found.Total));
            }

            return await ListAsync(ownerId, filter.Sort, today, page, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// No search and no filter: the page is read in order from the owner's sort index; both counts are uncorrelated scalar
    /// subqueries over the owner indexes (index-only), which PostgreSQL evaluates once per statement (InitPlan).
    /// </summary>
    private async Task<NetworkPage> ListAsync(Guid ownerId, NetworkSort sort, DateOnly today, int page, CancellationToken cancellationToken)
    {
        var mine = db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId);
        IQueryable<Contact> ordered = sort switch
        {
            NetworkSort.RecentlyContacted => mine.OrderByDescending(c => c.LastContactedOn.HasValue).ThenByDescending(c => c.LastContactedOn).ThenBy(c => c.SortKey),
            // PostgreSQL sorts nulls last in ascending order, so no "IS NULL" key is needed: without it the
            // (tenant_id, owner_id, next_touch_on) index gives the order and only the page is read, not every contact.
            NetworkSort.NextTouch => mine.OrderBy(c => c.NextTouchOn).ThenBy(c => c.SortKey),
            NetworkSort.Depth => mine.OrderByDescending(c => c.Depth).ThenBy(c => c.SortKey),
            NetworkSort.Added => mine.OrderByDescending(c => c.CreatedAt),
            _ => mine.OrderBy(c => c.SortKey).ThenBy(c => c.Id),
        };

        var rows = await PageWithCountsAsync(ordered, mine, today, page, cancellationToken);
        if (rows.Count > 0)
        {
            return new NetworkPage([.. rows.Select(r => r.Row)], rows[0].Total, rows[0].Overdue, page, PageCount(rows[0].Total));
        }

        // No row to carry the counts: no contact at all, or the page is past the end (then show the last one).
        var total = await mine.CountAsync(cancellationToken);
        var overdue = await mine.CountAsync(c => c.NextTouchOn <= today, cancellationToken);
        var pageCount = PageCount(total);
        if (total == 0 || page <= pageCount)
        {
            return new NetworkPage([], total, overdue, Math.Min(page, pageCount), pageCount);
        }

        rows = await PageWithCountsAsync(ordered, mine, today, pageCount, cancellationToken);
        return new NetworkPage([.. rows.Select(r => r.Row)], total, overdue, pageCount, pageCount);
    }

    private sealed record SearchResult(IReadOnlyList<NetworkRow> Rows, int Total, int Overdue);

    /// <summary>
    /// Search and filters, in one pass over the owner's contacts. Row-level security keeps LIKE from using any index (it
    /// is not leakproof), so every contact of the owner is tested; they are read from the covering index
    /// ix_contacts_owner_search_covering (index-only, no heap page per contact), plus the rare contacts too long for it
    /// from ix_contacts_owner_search_long. The matches are counted (window count) and sorted there, and only the page's
    /// 50 rows are then read from the table by primary key. A tag filter needs the tags array, which the index does not
    /// hold: then the contacts are read from the table, still in one pass.
    /// </summary>
    private async Task<SearchResult> SearchAsync(
        NpgsqlConnection connection, Guid ownerId, List<string> terms, string? tag, NetworkFilter filter, DateOnly today, int page, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        var parameters = command.Parameters;
        string Add(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var tenant = Add(db.CurrentTenantId);
        var owner = Add(ownerId);
        var day = Add(today);
        var offset = Add((page - 1) * PageSize);
        var where = new StringBuilder($"c.tenant_id = {tenant} AND c.owner_id = {owner}");
        foreach (var term in terms)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.search_text LIKE {Add("%" + EscapeLike(term) + "%")} ESCAPE '\\'");
        }

        if (filter.Channel is { } channel)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.channel = {Add((int)channel)}");
        }

        if (filter.Depth is { } depth)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.depth = {Add(depth)}");
        }

        if (filter.Overdue)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.next_touch_on <= {day}");
        }

        if (filter.Company is { } company)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND c.organization_id = {Add(company)}");
        }

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

        var order = OrderBy(filter.Sort);
        command.CommandText = $"""
            WITH matching AS ({matching}),
            page AS (SELECT m.*, count(*) OVER () AS total FROM matching m ORDER BY {order} LIMIT {PageSize} OFFSET {offset})
            SELECT c.id, c.display_name, c.company_name, c.organization_id, c.title, c.depth, c.channel, c.visibility,
                   c.last_contacted_on, c.next_touch_on, c.tags, m.total::int,
                   (SELECT count(*)::int FROM contacts o WHERE o.tenant_id = {tenant} AND o.owner_id = {owner} AND o.next_touch_on <= {day})
            FROM page m JOIN contacts c ON c.tenant_id = {tenant} AND c.id = m.id
            ORDER BY {order}
            """;
        var rows = new List<NetworkRow>(PageSize);
        int total = 0, overdue = -1;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new NetworkRow(
                    reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), (MeetingChannel)reader.GetInt32(6), (ContactVisibility)reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                    reader.GetFieldValue<string[]>(10)));
                total = reader.GetInt32(11);
                overdue = reader.GetInt32(12);
            }
        }

        if (rows.Count == 0)
        {
            // No row to carry the counts: nothing matches, or the page is past the end. Same parameters (offset unused).
            command.CommandText = $"""
                SELECT (SELECT count(*)::int FROM ({matching}) m),
                       (SELECT count(*)::int FROM contacts o WHERE o.tenant_id = {tenant} AND o.owner_id = {owner} AND o.next_touch_on <= {day})
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt32(0);
            overdue = reader.GetInt32(1);
        }

        return new SearchResult(rows, total, overdue);
    }

    private sealed record RowWithCounts(NetworkRow Row, int Total, int Overdue);

    /// <summary>What the search reads from the covering index: the id and every sort key.</summary>
    private const string SortColumns = "c.id, c.sort_key, c.last_contacted_on, c.next_touch_on, c.depth, c.created_at";

    /// <summary>The list's orders (as <see cref="ListAsync"/>), over the columns of <see cref="SortColumns"/> aliased m.</summary>
    private static string OrderBy(NetworkSort sort) => sort switch
    {
        NetworkSort.RecentlyContacted => "m.last_contacted_on DESC NULLS LAST, m.sort_key, m.id",
        NetworkSort.NextTouch => "m.next_touch_on, m.sort_key, m.id",
        NetworkSort.Depth => "m.depth DESC, m.sort_key, m.id",
        NetworkSort.Added => "m.created_at DESC, m.id",
        _ => "m.sort_key, m.id",
    };

    private static Task<List<RowWithCounts>> PageWithCountsAsync(
        IQueryable<Contact> ordered, IQueryable<Contact> mine, DateOnly today, int page, CancellationToken cancellationToken) =>
        ordered.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new RowWithCounts(
                new NetworkRow(c.Id, c.DisplayName, c.CompanyName, c.OrganizationId, c.Title, c.Depth, c.Channel, c.Visibility, c.LastContactedOn, c.NextTouchOn, c.Tags),
                mine.Count(),
                mine.Count(m => m.NextTouchOn <= today)))
            .ToListAsync(cancellationToken);

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

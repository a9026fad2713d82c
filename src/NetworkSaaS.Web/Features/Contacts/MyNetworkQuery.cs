using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

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
        var mine = db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId);
        var query = mine;
        foreach (var term in ContactNames.SearchForm(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var pattern = "%" + EscapeLike(term) + "%";
            query = query.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (filter.Depth is { } depth)
        {
            query = query.Where(c => c.Depth == depth);
        }

        if (filter.Overdue)
        {
            query = query.Where(c => c.NextTouchOn <= today);
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = filter.Tag.Trim();
            query = query.Where(c => c.Tags.Contains(tag));
        }

        if (filter.Company is { } company)
        {
            query = query.Where(c => c.OrganizationId == company);
        }

        var matching = query;
        query = filter.Sort switch
        {
            NetworkSort.RecentlyContacted => query.OrderByDescending(c => c.LastContactedOn.HasValue).ThenByDescending(c => c.LastContactedOn).ThenBy(c => c.SortKey),
            // PostgreSQL sorts nulls last in ascending order, so no "IS NULL" key is needed: without it the
            // (tenant_id, owner_id, next_touch_on) index gives the order and only the page is read, not every contact.
            NetworkSort.NextTouch => query.OrderBy(c => c.NextTouchOn).ThenBy(c => c.SortKey),
            NetworkSort.Depth => query.OrderByDescending(c => c.Depth).ThenBy(c => c.SortKey),
            NetworkSort.Added => query.OrderByDescending(c => c.CreatedAt),
            _ => query.OrderBy(c => c.SortKey).ThenBy(c => c.Id),
        };

        // One connection (one app.tenant_id round trip) for the whole page, and usually one statement: the rows carry
        // both counts as uncorrelated scalar subqueries, which PostgreSQL evaluates once per statement (InitPlan).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize);
            var rows = await PageWithCountsAsync(query, matching, mine, today, page, cancellationToken);
            if (rows.Count > 0)
            {
                return new NetworkPage([.. rows.Select(r => r.Row)], rows[0].Total, rows[0].Overdue, page, PageCount(rows[0].Total));
            }

            // No row to carry the counts: nothing matches, or the page is past the end (then show the last one).
            var total = await matching.CountAsync(cancellationToken);
            var overdue = await mine.CountAsync(c => c.NextTouchOn <= today, cancellationToken);
            var pageCount = PageCount(total);
            if (total == 0 || page <= pageCount)
            {
                return new NetworkPage([], total, overdue, Math.Min(page, pageCount), pageCount);
            }

            rows = await PageWithCountsAsync(query, matching, mine, today, pageCount, cancellationToken);
            return new NetworkPage([.. rows.Select(r => r.Row)], total, overdue, pageCount, pageCount);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record RowWithCounts(NetworkRow Row, int Total, int Overdue);

    private static Task<List<RowWithCounts>> PageWithCountsAsync(
        IQueryable<Contact> ordered, IQueryable<Contact> matching, IQueryable<Contact> mine, DateOnly today, int page, CancellationToken cancellationToken) =>
        ordered.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new RowWithCounts(
                new NetworkRow(c.Id, c.DisplayName, c.CompanyName, c.OrganizationId, c.Title, c.Depth, c.Channel, c.Visibility, c.LastContactedOn, c.NextTouchOn, c.Tags),
                matching.Count(),
                mine.Count(m => m.NextTouchOn <= today)))
            .ToListAsync(cancellationToken);

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

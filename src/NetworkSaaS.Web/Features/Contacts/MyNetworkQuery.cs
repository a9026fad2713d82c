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

        query = filter.Sort switch
        {
            NetworkSort.RecentlyContacted => query.OrderByDescending(c => c.LastContactedOn.HasValue).ThenByDescending(c => c.LastContactedOn).ThenBy(c => c.SortKey),
            NetworkSort.NextTouch => query.OrderBy(c => !c.NextTouchOn.HasValue).ThenBy(c => c.NextTouchOn).ThenBy(c => c.SortKey),
            NetworkSort.Depth => query.OrderByDescending(c => c.Depth).ThenBy(c => c.SortKey),
            NetworkSort.Added => query.OrderByDescending(c => c.CreatedAt),
            _ => query.OrderBy(c => c.SortKey).ThenBy(c => c.Id),
        };

        var total = await query.CountAsync(cancellationToken);
        var overdue = await mine.CountAsync(c => c.NextTouchOn <= today, cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await query.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new NetworkRow(c.Id, c.DisplayName, c.CompanyName, c.OrganizationId, c.Title, c.Depth, c.Channel, c.Visibility, c.LastContactedOn, c.NextTouchOn, c.Tags))
            .ToListAsync(cancellationToken);
        return new NetworkPage(rows, total, overdue, page, pageCount);
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

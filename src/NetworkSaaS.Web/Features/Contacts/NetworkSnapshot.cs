namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>A contact as the list shows it, with what only search and sorting need.</summary>
public sealed record NetworkEntry(NetworkRow Row, string SearchText, DateTimeOffset CreatedAt);

/// <summary>
/// One owner's contacts as of one version of their contacts (<see cref="MyNetworkQuery"/>), immutable: searched,
/// filtered, counted, sorted and paged in memory. Entries come in the database's name order (sort_key, id), so kana order
/// is whatever PostgreSQL's collation says; the other orders fall back on it and are built once per snapshot, on first use.
/// </summary>
public sealed class NetworkSnapshot
{
    public const int PageSize = 50;

    private readonly NetworkEntry[] byName;
    private readonly int[]?[] orders = new int[]?[Enum.GetValues<NetworkSort>().Length];

    public NetworkSnapshot(long version, NetworkEntry[] inNameOrder)
    {
        ArgumentNullException.ThrowIfNull(inNameOrder);
        Version = version;
        byName = inNameOrder;
    }

    public long Version { get; }

    public int Count => byName.Length;

    public NetworkPage Query(NetworkFilter filter, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var match = new NetworkMatch(filter, today);
        var overdue = 0;
        foreach (var entry in byName)
        {
            if (entry.Row.NextTouchOn <= today)
            {
                overdue++;
            }
        }

        var order = Order(filter.Sort);
        var matching = match.MatchesAll ? order : Array.FindAll(order, i => match.Matches(byName[i]));
        var pageCount = Math.Max(1, (matching.Length + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount); // past the end: the last page
        var rows = matching.AsSpan((page - 1) * PageSize, Math.Min(PageSize, matching.Length - ((page - 1) * PageSize)));
        var pageRows = new NetworkRow[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            pageRows[i] = byName[rows[i]].Row;
        }

        return new NetworkPage(pageRows, matching.Length, overdue, page, pageCount);
    }

    /// <summary>Every contact the filter matches, on every page (what "all matching" of a bulk change means).</summary>
    public IReadOnlyList<Guid> MatchingIds(NetworkFilter filter, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var match = new NetworkMatch(filter, today);
        return [.. byName.Where(e => match.MatchesAll || match.Matches(e)).Select(e => e.Row.Id)];
    }

    /// <summary>Positions in <see cref="byName"/> in the order asked for; the name order breaks every tie, so each order is total.</summary>
    private int[] Order(NetworkSort sort)
    {
        var index = (int)sort;
        if ((uint)index >= (uint)orders.Length)
        {
            index = (int)NetworkSort.Name;
            sort = NetworkSort.Name;
        }

        if (Volatile.Read(ref orders[index]) is { } built)
        {
            return built;
        }

        var order = new int[byName.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Comparison<int>? compare = sort switch
        {
            NetworkSort.RecentlyContacted => (a, b) => Then(NullsLast(byName[b].Row.LastContactedOn, byName[a].Row.LastContactedOn, descending: true), a, b),
            NetworkSort.NextTouch => (a, b) => Then(NullsLast(byName[a].Row.NextTouchOn, byName[b].Row.NextTouchOn, descending: false), a, b),
            NetworkSort.Depth => (a, b) => Then(byName[b].Row.Depth.CompareTo(byName[a].Row.Depth), a, b),
            NetworkSort.Added => (a, b) => Then(byName[b].CreatedAt.CompareTo(byName[a].CreatedAt), a, b),
            _ => null,
        };
        if (compare is not null)
        {
            Array.Sort(order, compare);
        }

        return Interlocked.CompareExchange(ref orders[index], order, null) ?? order;
    }

    private static int Then(int comparison, int a, int b) => comparison != 0 ? comparison : a.CompareTo(b);

    /// <summary>Compares two dates so that missing ones come last in either direction (arguments already swapped for descending).</summary>
    private static int NullsLast(DateOnly? x, DateOnly? y, bool descending) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => descending ? -1 : 1,
        (_, null) => descending ? 1 : -1,
        _ => x.Value.CompareTo(y.Value),
    };
}

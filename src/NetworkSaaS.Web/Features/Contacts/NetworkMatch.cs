namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Whether a contact passes the list's search and filters. Search terms are matched as substrings of the contact's
/// search text, both in <see cref="ContactNames.SearchForm"/> (hiragana, lower case), ordinally: "やまだ" finds ヤマダ,
/// "acme" finds ACME; every term must match (at most five are used).
/// </summary>
public sealed class NetworkMatch
{
    private const int MaxTerms = 5;

    private readonly NetworkFilter filter;
    private readonly DateOnly today;
    private readonly string[] terms;
    private readonly string? tag;

    public NetworkMatch(NetworkFilter filter, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(filter);
        this.filter = filter;
        this.today = today;
        terms = [.. ContactNames.SearchForm(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxTerms)];
        tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag.Trim();
        MatchesAll = terms.Length == 0 && tag is null && filter is { Channel: null, Depth: null, Overdue: false, Company: null };
    }

    /// <summary>No search and no filter: the whole list.</summary>
    public bool MatchesAll { get; }

    public bool Matches(NetworkEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = entry.Row;
        if ((filter.Channel is { } channel && row.Channel != channel)
            || (filter.Depth is { } depth && row.Depth != depth)
            || (filter.Overdue && !(row.NextTouchOn <= today))
            || (filter.Company is { } company && row.OrganizationId != company)
            || (tag is not null && !HasTag(row.Tags, tag)))
        {
            return false;
        }

        foreach (var term in terms)
        {
            if (!entry.SearchText.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasTag(IReadOnlyList<string> tags, string tag)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.Equals(tags[i], tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

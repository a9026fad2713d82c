namespace NetworkSaaS.Web.Features.Discover;

/// <summary>A colleague whose profile names expertise the searcher asked about.</summary>
public sealed record ColleagueExpert(Guid UserId, string DisplayName, string? Email, string? Department, string? Title, IReadOnlyList<string> Expertise);

/// <summary>
/// "Who here knows about APPI / Go / 物流": active colleagues whose profile expertise tags hold every word of the
/// keywords, matched like discovery matches contacts (width, case and katakana/hiragana folded; Latin words whole,
/// Japanese by bigrams), so mentors and advisors inside the company are found next to outside contacts.
/// </summary>
public sealed class ColleagueExpertise(DiscoveryIndexSource source)
{
    public const int Limit = 12;

    public async Task<IReadOnlyList<ColleagueExpert>> FindAsync(Guid me, string? keywords, CancellationToken cancellationToken)
    {
        var text = keywords?.Trim() ?? "";
        text = text.Length > 200 ? text[..200] : text;
        if (text.Length == 0)
        {
            return [];
        }

        var terms = await source.KeywordTermsAsync(text, cancellationToken);
        if (terms.Count == 0)
        {
            return [];
        }

        // The index holds each colleague's expertise_terms (discovery_tokens of every tag, a generated column, see the
        // PersonKeysAndExpertiseTerms migration), reloaded whenever a colleague's profile changes.
        var index = await source.CheckedAsync(cancellationToken);
        return [.. index.Experts(me, terms, Limit).Select(e => new ColleagueExpert(e.UserId, e.DisplayName, e.Email, e.Department, e.Title, e.Expertise))];
    }
}

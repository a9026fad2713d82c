using Microsoft.AspNetCore.Mvc.ModelBinding;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Discover;

public sealed class DiscoveryCriteria
{
    public string? Company { get; set; }
    public string? Keywords { get; set; }
    public string? Industry { get; set; }
    public OpenTo? OpenTo { get; set; }

    /// <summary>Set from <see cref="Paging.PageLinks.Number"/>: model binding would read the Razor Pages route value "page".</summary>
    [BindNever]
    public int Page { get; set; } = 1;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Company) && string.IsNullOrWhiteSpace(Keywords)
        && string.IsNullOrWhiteSpace(Industry) && OpenTo is null or Core.Features.Contacts.OpenTo.None;
}

/// <summary>
/// One colleague's contact as the searcher may see it. Shared contacts carry the name and the colleague; for
/// Discoverable ones those stay null (only the colleague's department, the title, the company and the depth).
/// </summary>
public sealed record DiscoveryHit(
    Guid ContactId, ContactVisibility Visibility, string? DisplayName, string? OwnerName, Guid? OwnerId, string? OwnerDepartment,
    string? Title, string? CompanyName, Guid? OrganizationId, OpenTo OpenTo, RelationshipStrength Strength);

public sealed record DiscoveryResult(IReadOnlyList<DiscoveryHit> Hits, int Total, bool TotalIsCapped, int Page, int PageCount, IReadOnlyList<Guid> OrganizationIds);

/// <summary>
/// "Someone here knows someone at X": searches colleagues' Shared and Discoverable contacts through the in-memory
/// discovery index (<see cref="DiscoveryIndex"/>, checked against the database on every request), ranks them by an
/// explainable relationship strength, and never reads a Private contact — they are never loaded into the index, so they
/// cannot show up in results, counts or ordering. Contacts still held by a deactivated colleague (a leaver whose
/// handover is pending) never count either.
/// </summary>
public sealed class DiscoverySearch(DiscoveryIndexSource source)
{
    public const int PageSize = 20;

    /// <summary>
    /// Ranking looks at the strongest candidates by depth and recency (the index's order); beyond them, refining the
    /// search is the answer, so the page says "at least" instead of counting every match.
    /// </summary>
    public const int CandidateLimit = 60;

    /// <summary>
    /// How many of a term's strongest postings the SQL version checked against the other terms before intersecting them
    /// all. The in-memory index always intersects every posting; the tests keep using it as "more postings than a window".
    /// </summary>
    public const int ProbeLimit = 1200;

    /// <summary>A company search looks at the contacts of at most this many matching organizations, shortest names first.</summary>
    public const int OrganizationLimit = 20;

    /// <summary>A misspelt company name (no name term matches) shows at most this many similar organizations.</summary>
    public const int SimilarLimit = 5;

    /// <summary>pg_trgm's similarity of the folded names at which a misspelt company name still finds an organization.</summary>
    public const double SimilarityThreshold = 0.4;

    public async Task<DiscoveryResult> SearchAsync(Guid me, DiscoveryCriteria criteria, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var keywords = criteria.Keywords?.Trim() ?? "";
        keywords = keywords.Length > 200 ? keywords[..200] : keywords;
        // A name from the fixed list in either language, or one other tools use, finds the organizations that have it.
        var industry = Companies.Industries.Recognize(criteria.Industry) ?? criteria.Industry?.Trim() ?? "";
        var (index, searchTerms) = await source.CurrentAsync(DiscoveryText.ForCompany(criteria.Company, keywords, industry), cancellationToken);
        List<string> terms = [.. searchTerms.Keywords];
        if (searchTerms.Industry is { } industryTerm)
        {
            terms.Add(industryTerm);
        }

        var openTo = criteria.OpenTo ?? OpenTo.None;
        if (openTo.HasFlag(OpenTo.SalesIntroductions))
        {
            terms.Add("open:sales");
        }

        if (openTo.HasFlag(OpenTo.Hiring))
        {
            terms.Add("open:hiring");
        }

        if (openTo.HasFlag(OpenTo.Advising))
        {
            terms.Add("open:advising");
        }

        string[] required = [.. terms.Distinct(StringComparer.Ordinal)];
        Guid[]? organizations = null;
        if (!string.IsNullOrWhiteSpace(criteria.Company))
        {
            organizations = [.. await MatchOrganizationsAsync(criteria.Company, cancellationToken)];
            if (organizations.Length == 0)
            {
                return new DiscoveryResult([], 0, false, 1, 1, []);
            }
        }
        else if (required.Length == 0)
        {
            return new DiscoveryResult([], 0, false, 1, 1, []);
        }

        var candidates = index.Candidates(me, organizations, required, CandidateLimit, today);
        if (candidates.Count == 0)
        {
            return new DiscoveryResult([], 0, false, 1, 1, organizations ?? []);
        }

        var ranked = candidates
            .Select(c => (Hit: c, Strength: RelationshipStrength.Of(c.Depth, c.Interactions, Later(c.Latest, c.LastContactedOn), c.Decayed, c.OtherColleagues, today)))
            .OrderByDescending(r => r.Strength.Score).ThenBy(r => r.Hit.ContactId).ToList();
        var total = ranked.Count;
        var pageCount = (total + PageSize - 1) / PageSize;
        var page = Math.Min(Math.Max(criteria.Page, 1), pageCount);
        var hits = ranked.Skip((page - 1) * PageSize).Take(PageSize).Select(r => new DiscoveryHit(
            r.Hit.ContactId, r.Hit.Visibility, r.Hit.DisplayName, r.Hit.OwnerName, r.Hit.OwnerId, r.Hit.OwnerDepartment, r.Hit.Title, r.Hit.CompanyName,
            r.Hit.OrganizationId, r.Hit.OpenTo, r.Strength)).ToList();
        return new DiscoveryResult(hits, total, total >= CandidateLimit, page, Math.Max(1, pageCount), organizations ?? []);
    }

    /// <summary>
    /// Organizations whose name has every word (Latin words by prefix, Japanese by bigrams; width, case and kana
    /// folded) of the query, legal forms ignored, among those where a colleague holds a findable contact (from the
    /// index); trigram similarity of the folded name (pg_trgm's trigrams, compared in the index) when nothing matches (typos).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> MatchOrganizationsAsync(string company, CancellationToken cancellationToken)
    {
        var terms = await source.CompanyTermsAsync(DiscoveryText.ForCompany(company), cancellationToken);
        var index = await source.CheckedAsync(cancellationToken);
        var matched = index.MatchOrganizations([.. terms.Company.Distinct(StringComparer.Ordinal)], OrganizationLimit);
        return matched.Count > 0 ? matched : index.SimilarOrganizations(terms.CompanyTrigrams, SimilarityThreshold, SimilarLimit);
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
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
/// "Someone here knows someone at X": searches colleagues' Shared and Discoverable contacts through the discovery
/// index (see the Introductions migration), ranks them by an explainable relationship strength, and never reads a
/// Private contact — they have no row in the index, so they cannot show up in results, counts or ordering.
/// Contacts still held by a deactivated colleague (a leaver whose handover is pending) never count either.
/// </summary>
public sealed class DiscoverySearch(AppDbContext db)
{
    public const int PageSize = 20;

    /// <summary>
    /// Ranking looks at the strongest candidates by depth and recency (the index's order); beyond them, refining the
    /// search is the answer, so the page says "at least" instead of counting every match.
    /// </summary>
    public const int CandidateLimit = 60;

    private const string IndustryPrefix = "industry:";

    /// <summary>How many of the driving term's strongest postings are checked against the other terms before intersecting them all.</summary>
    public const int ProbeLimit = 1200;

    public async Task<DiscoveryResult> SearchAsync(Guid me, DiscoveryCriteria criteria, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var tenant = db.CurrentTenantId;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var terms = await TermsAsync(criteria, cancellationToken);
            Guid[]? organizations = null;
            if (!string.IsNullOrWhiteSpace(criteria.Company))
            {
                organizations = [.. await MatchOrganizationsAsync(criteria.Company, cancellationToken)];
                if (organizations.Length == 0)
                {
                    return new DiscoveryResult([], 0, false, 1, 1, []);
                }
            }
            else if (terms.Length == 0)
            {
                return new DiscoveryResult([], 0, false, 1, 1, []);
            }

            var candidates = organizations is not null
                ? await CandidatesAtOrganizationsAsync(tenant, me, organizations, terms, cancellationToken)
                : await CandidatesByTermsAsync(tenant, me, terms, criteria.OpenTo ?? OpenTo.None, cancellationToken);
            var strengths = await StrengthsAsync(tenant, me, candidates, today, cancellationToken);
            var pageCount = Math.Max(1, (strengths.Count + PageSize - 1) / PageSize);
            var page = Math.Clamp(criteria.Page, 1, pageCount);
            var hits = await DetailsAsync(tenant, [.. strengths.Skip((page - 1) * PageSize).Take(PageSize)], cancellationToken);
            return new DiscoveryResult(hits, candidates.Count, candidates.Count >= CandidateLimit, page, pageCount, organizations ?? []);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Organizations whose name has every word (Latin words by prefix, Japanese by bigrams; width, case and kana
    /// folded) of the query, legal forms ignored; trigram similarity on the folded name when nothing matches (typos).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> MatchOrganizationsAsync(string company, CancellationToken cancellationToken)
    {
        var text = OrganizationNames.WithoutLegalForm(company);
        var tenant = db.CurrentTenantId;
        var matched = await db.Database.SqlQuery<Guid>($"""
            WITH q AS (SELECT array_agg(t) AS terms FROM discovery_tokens({text}) AS t)
            SELECT o.id AS "Value" FROM organizations AS o
            JOIN (SELECT t.organization_id FROM organization_terms AS t, q
                  WHERE t.tenant_id = {tenant} AND t.term = ANY(q.terms)
                  GROUP BY t.organization_id HAVING count(*) = (SELECT cardinality(terms) FROM q)) AS m ON m.organization_id = o.id
            WHERE o.tenant_id = {tenant}
            ORDER BY length(o.normalized_name), o.normalized_name LIMIT 20
            """).ToListAsync(cancellationToken);
        var normalized = OrganizationNames.Normalize(company);
        if (matched.Count > 0 || normalized.Length < 3)
        {
            return matched;
        }

        return await db.Database.SqlQuery<Guid>($"""
            SELECT o.id AS "Value" FROM organizations AS o
            WHERE o.tenant_id = {tenant} AND similarity(o.search_name, discovery_fold({normalized})) >= 0.4
            ORDER BY similarity(o.search_name, discovery_fold({normalized})) DESC LIMIT 5
            """).ToListAsync(cancellationToken);
    }

    /// <summary>The index terms the criteria ask for: keyword tokens, the industry, what people are open to.</summary>
    private async Task<string[]> TermsAsync(DiscoveryCriteria criteria, CancellationToken cancellationToken)
    {
        var keywords = criteria.Keywords?.Trim() ?? "";
        keywords = keywords.Length > 200 ? keywords[..200] : keywords;
        // A name from the fixed list in either language, or one other tools use, finds the organizations that have it.
        var industry = Companies.Industries.Recognize(criteria.Industry) ?? criteria.Industry?.Trim() ?? "";
        List<string> terms = keywords.Length == 0 && industry.Length == 0 ? [] : await db.Database.SqlQuery<string>($"""
            SELECT t AS "Value" FROM (SELECT t FROM discovery_tokens({keywords}) AS t LIMIT 12) AS k
            UNION SELECT 'industry:' || discovery_fold({industry}) WHERE {industry} <> ''
            """).ToListAsync(cancellationToken);
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

        return [.. terms.Distinct(StringComparer.Ordinal)];
    }

    private async Task<List<Candidate>> CandidatesAtOrganizationsAsync(Guid tenant, Guid me, Guid[] organizations, string[] terms, CancellationToken cancellationToken)
    {
        var termCount = terms.Length;
        return await db.Database.SqlQuery<Candidate>($"""
            SELECT c.id AS "ContactId", c.depth AS "Depth", c.last_contacted_on AS "LastContactedOn" FROM contacts AS c
            WHERE c.tenant_id = {tenant} AND c.organization_id = ANY({organizations}) AND c.visibility <> 0 AND NOT c.use_stopped AND c.owner_id <> {me}
              AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = c.tenant_id AND u.id = c.owner_id AND u.is_active)
              AND ({termCount} = 0 OR (SELECT count(*) FROM discovery_terms AS d
                   WHERE d.tenant_id = c.tenant_id AND d.contact_id = c.id AND d.term = ANY({terms})) = {termCount})
            ORDER BY c.depth DESC, c.last_contacted_on DESC NULLS LAST, c.id
            LIMIT {CandidateLimit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The postings of one term are stored strongest first, so candidates come from the front of one term's list and
    /// the other terms are checked per candidate (a primary-key probe) until enough are found. The driving term is
    /// the most specific kind: a keyword (longest first), then the industry, then what people are open to.
    /// </summary>
    private async Task<List<Candidate>> CandidatesByTermsAsync(Guid tenant, Guid me, string[] terms, OpenTo openTo, CancellationToken cancellationToken)
    {
        // What people are open to and the industry are columns of every posting: filters in the scan, not probes.
        var industry = terms.FirstOrDefault(t => t.StartsWith(IndustryPrefix, StringComparison.Ordinal)) ?? "";
        var openMask = (int)openTo;
        var keywords = terms.Where(t => !t.Contains(':', StringComparison.Ordinal)).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        var driver = keywords.Length > 0 ? keywords[0] : industry.Length > 0 ? industry : terms.Order(StringComparer.Ordinal).First();
        var others = keywords.Length > 1 ? keywords[1..] : [];
        var otherCount = others.Length;
        var probed = await db.Database.SqlQuery<Candidate>($"""
            SELECT p.contact_id AS "ContactId", p.depth AS "Depth", p.last_contacted_on AS "LastContactedOn"
            FROM (SELECT d.tenant_id, d.contact_id, d.depth, d.last_contacted_on FROM discovery_terms AS d
                  WHERE d.tenant_id = {tenant} AND d.term = {driver} AND d.owner_id <> {me}
                    AND (d.open_to & {openMask}) = {openMask} AND ({industry} = '' OR d.industry = {industry})
                    AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = d.tenant_id AND u.id = d.owner_id AND u.is_active)
                  ORDER BY d.depth DESC, d.last_contacted_on DESC NULLS LAST
                  LIMIT {ProbeLimit}) AS p
            WHERE {otherCount} = 0 OR (SELECT count(*) FROM discovery_terms AS o
                  WHERE o.tenant_id = p.tenant_id AND o.contact_id = p.contact_id AND o.term = ANY({others})) = {otherCount}
            ORDER BY p.depth DESC, p.last_contacted_on DESC NULLS LAST
            LIMIT {CandidateLimit}
            """).ToListAsync(cancellationToken);
        if (probed.Count >= CandidateLimit || otherCount == 0 || !await HasMorePostingsThanProbedAsync(tenant, driver, cancellationToken))
        {
            return probed;
        }

        // Several broad keywords whose strongest postings rarely meet: intersect all their postings (one hashed pass).
        var termCount = keywords.Length;
        return await db.Database.SqlQuery<Candidate>($"""
            SELECT m.contact_id AS "ContactId", m.depth AS "Depth", m.last_contacted_on AS "LastContactedOn"
            FROM (SELECT d.contact_id, max(d.depth) AS depth, max(d.last_contacted_on) AS last_contacted_on FROM discovery_terms AS d
                  WHERE d.tenant_id = {tenant} AND d.term = ANY({keywords}) AND d.owner_id <> {me}
                    AND (d.open_to & {openMask}) = {openMask} AND ({industry} = '' OR d.industry = {industry})
                    AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = d.tenant_id AND u.id = d.owner_id AND u.is_active)
                  GROUP BY d.contact_id
                  HAVING count(*) = {termCount}) AS m
            ORDER BY m.depth DESC, m.last_contacted_on DESC NULLS LAST
            LIMIT {CandidateLimit}
            """).ToListAsync(cancellationToken);
    }

    private async Task<bool> HasMorePostingsThanProbedAsync(Guid tenant, string term, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM discovery_terms AS d
                                                 WHERE d.tenant_id = {tenant} AND d.term = {term} LIMIT {ProbeLimit + 1}) AS x
            """).SingleAsync(cancellationToken) > ProbeLimit;

    /// <summary>Strength of every candidate from index-only reads (interactions, person keys); no contact row is read.</summary>
    private async Task<List<(Guid ContactId, RelationshipStrength Strength)>> StrengthsAsync(
        Guid tenant, Guid me, List<Candidate> candidates, DateOnly today, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var ids = candidates.Select(c => c.ContactId).ToArray();
        var signals = (await db.Database.SqlQuery<Signal>($"""
            SELECT x.id AS "ContactId", coalesce(t.n, 0) AS "Interactions", t.latest AS "Latest", coalesce(t.decayed, 0) AS "Decayed",
                   coalesce(k.others, 0) AS "OtherColleagues"
            FROM unnest({ids}) AS x(id)
            LEFT JOIN (SELECT i.contact_id, count(*)::int AS n, max(i.occurred_on) AS latest,
                              sum(power(0.5, ({today} - i.occurred_on)::float8 / {RelationshipStrength.HalfLifeDays}))::float8 AS decayed
                       FROM interactions AS i
                       WHERE i.tenant_id = {tenant} AND i.contact_id = ANY({ids}) AND i.occurred_on <= {today}
                       GROUP BY i.contact_id) AS t ON t.contact_id = x.id
            LEFT JOIN (SELECT k.contact_id, count(DISTINCT o.owner_id)::int AS others
                       FROM discovery_person_keys AS k
                       JOIN discovery_person_keys AS o ON o.tenant_id = k.tenant_id AND o.person_key = k.person_key
                       WHERE k.tenant_id = {tenant} AND k.contact_id = ANY({ids}) AND o.owner_id <> k.owner_id AND o.owner_id <> {me}
                         AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = o.tenant_id AND u.id = o.owner_id AND u.is_active)
                       GROUP BY k.contact_id) AS k ON k.contact_id = x.id
            """).ToListAsync(cancellationToken)).ToDictionary(s => s.ContactId);
        return [.. candidates
            .Select(c => (c.ContactId, Signal: signals.GetValueOrDefault(c.ContactId), c.Depth, c.LastContactedOn))
            .Select(c => (c.ContactId, RelationshipStrength.Of(c.Depth, c.Signal?.Interactions ?? 0,
                Later(c.Signal?.Latest, c.LastContactedOn), c.Signal?.Decayed ?? 0, c.Signal?.OtherColleagues ?? 0, today)))
            .OrderByDescending(c => c.Item2.Score).ThenBy(c => c.ContactId)];
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>What the searcher may see of the page's contacts: names and colleagues only for Shared ones.</summary>
    private async Task<List<DiscoveryHit>> DetailsAsync(Guid tenant, List<(Guid ContactId, RelationshipStrength Strength)> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }

        var ids = page.Select(p => p.ContactId).ToArray();
        var rows = (await db.Database.SqlQuery<DetailRow>($"""
            SELECT c.id AS "ContactId", c.visibility AS "Visibility",
                   CASE WHEN c.visibility = 2 THEN c.display_name END AS "DisplayName",
                   CASE WHEN c.visibility = 2 THEN u.display_name END AS "OwnerName",
                   CASE WHEN c.visibility = 2 THEN c.owner_id END AS "OwnerId",
                   dep.name AS "OwnerDepartment", c.title AS "Title", c.company_name AS "CompanyName", c.organization_id AS "OrganizationId",
                   c.open_to AS "OpenTo"
            FROM contacts AS c
            JOIN users AS u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id AND u.is_active
            LEFT JOIN departments AS dep ON dep.tenant_id = u.tenant_id AND dep.id = u.department_id
            WHERE c.tenant_id = {tenant} AND c.id = ANY({ids}) AND c.visibility <> 0 AND NOT c.use_stopped
            """).ToListAsync(cancellationToken)).ToDictionary(r => r.ContactId);
        var hits = new List<DiscoveryHit>(page.Count);
        foreach (var (contactId, strength) in page)
        {
            if (rows.TryGetValue(contactId, out var r))
            {
                hits.Add(new DiscoveryHit(r.ContactId, (ContactVisibility)r.Visibility, r.DisplayName, r.OwnerName, r.OwnerId, r.OwnerDepartment,
                    r.Title, r.CompanyName, r.OrganizationId, (OpenTo)r.OpenTo, strength));
            }
        }

        return hits;
    }

    private sealed record Candidate(Guid ContactId, int Depth, DateOnly? LastContactedOn);

    private sealed record Signal(Guid ContactId, int Interactions, DateOnly? Latest, double Decayed, int OtherColleagues);

    private sealed record DetailRow(
        Guid ContactId, int Visibility, string? DisplayName, string? OwnerName, Guid? OwnerId, string? OwnerDepartment, string? Title,
        string? CompanyName, Guid? OrganizationId, int OpenTo);
}

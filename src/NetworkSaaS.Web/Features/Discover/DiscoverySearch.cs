using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;
using Npgsql;

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

            var candidates = organizations is not null ? CandidatesAtOrganizations(organizations, terms) : CandidatesByTerms(terms, criteria.OpenTo ?? OpenTo.None);
            var rows = await RankedPageAsync(candidates, tenant, me, criteria.Page, today, cancellationToken);
            if (rows.Count == 0)
            {
                return new DiscoveryResult([], 0, false, 1, 1, organizations ?? []);
            }

            var (total, page) = (rows[0].Total, rows[0].Page);
            var hits = rows.Select(r => new DiscoveryHit(r.ContactId, (ContactVisibility)r.Visibility, r.DisplayName, r.OwnerName, r.OwnerId, r.OwnerDepartment,
                r.Title, r.CompanyName, r.OrganizationId, (OpenTo)r.OpenTo,
                RelationshipStrength.Of(r.Depth, r.Interactions, Later(r.Latest, r.LastContactedOn), r.Decayed, r.OtherColleagues, today))).ToList();
            return new DiscoveryResult(hits, total, total >= CandidateLimit, page, Math.Max(1, (total + PageSize - 1) / PageSize), organizations ?? []);
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

    /// <summary>
    /// The common table expressions that select the candidates (contact_id, depth, last_contacted_on): the strongest
    /// <see cref="CandidateLimit"/> Shared or Discoverable contacts of active colleagues other than the searcher.
    /// </summary>
    private sealed record CandidateQuery(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    /// <summary>
    /// The strongest findable contacts of each organization come from the front of its part of the partial index
    /// ix_contacts_discovery_organization (Shared and Discoverable only, strongest first), so a large company is never
    /// read whole; the keywords, when given, are checked per contact (a primary-key probe of the discovery index).
    /// </summary>
    private static CandidateQuery CandidatesAtOrganizations(Guid[] organizations, string[] terms) => new($"""
        candidates AS MATERIALIZED (
            SELECT p.contact_id, p.depth, p.last_contacted_on
            FROM unnest(@organizations::uuid[]) AS org(id)
            CROSS JOIN LATERAL (
                SELECT c.id AS contact_id, c.depth, c.last_contacted_on FROM contacts AS c
                WHERE c.tenant_id = @tenant AND c.organization_id = org.id AND c.visibility <> 0 AND NOT c.use_stopped AND c.owner_id <> @me
                  AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = c.tenant_id AND u.id = c.owner_id AND u.is_active)
                  AND (@term_count = 0 OR (SELECT count(*) FROM discovery_terms AS d
                       WHERE d.tenant_id = c.tenant_id AND d.contact_id = c.id AND d.term = ANY(@terms)) = @term_count)
                ORDER BY c.depth DESC, c.last_contacted_on DESC NULLS LAST, c.id
                LIMIT {CandidateLimit}) AS p
            ORDER BY p.depth DESC, p.last_contacted_on DESC NULLS LAST, p.contact_id
            LIMIT {CandidateLimit})
        """, [new("organizations", organizations), new("terms", terms), new("term_count", terms.Length)]);

    /// <summary>
    /// The postings of one term are stored strongest first, so candidates come from the front of one term's list and
    /// the other terms are checked per candidate (a primary-key probe) until enough are found. The driving term is
    /// the most specific kind: a keyword (longest first), then the industry, then what people are open to. When that
    /// finds too few and the driving term has more postings than were probed (several broad keywords whose strongest
    /// postings rarely meet), all their postings are intersected instead (one hashed pass); otherwise that part of the
    /// statement is never run (a one-time filter).
    /// </summary>
    private static CandidateQuery CandidatesByTerms(string[] terms, OpenTo openTo)
    {
        // What people are open to and the industry are columns of every posting: filters in the scan, not probes.
        var industry = terms.FirstOrDefault(t => t.StartsWith(IndustryPrefix, StringComparison.Ordinal)) ?? "";
        var keywords = terms.Where(t => !t.Contains(':', StringComparison.Ordinal)).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        var driver = keywords.Length > 0 ? keywords[0] : industry.Length > 0 ? industry : terms.Order(StringComparer.Ordinal).First();
        string[] others = keywords.Length > 1 ? keywords[1..] : [];
        return new($"""
            probed AS MATERIALIZED (
                SELECT p.contact_id, p.depth, p.last_contacted_on
                FROM (SELECT d.tenant_id, d.contact_id, d.depth, d.last_contacted_on FROM discovery_terms AS d
                      WHERE d.tenant_id = @tenant AND d.term = @driver AND d.owner_id <> @me
                        AND (d.open_to & @open_mask) = @open_mask AND (@industry = '' OR d.industry = @industry)
                        AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = d.tenant_id AND u.id = d.owner_id AND u.is_active)
                      ORDER BY d.depth DESC, d.last_contacted_on DESC NULLS LAST
                      LIMIT {ProbeLimit}) AS p
                WHERE @other_count = 0 OR (SELECT count(*) FROM discovery_terms AS o
                      WHERE o.tenant_id = p.tenant_id AND o.contact_id = p.contact_id AND o.term = ANY(@others)) = @other_count
                ORDER BY p.depth DESC, p.last_contacted_on DESC NULLS LAST
                LIMIT {CandidateLimit}),
            intersected AS MATERIALIZED (
                SELECT m.contact_id, m.depth, m.last_contacted_on
                FROM (SELECT d.contact_id, max(d.depth) AS depth, max(d.last_contacted_on) AS last_contacted_on FROM discovery_terms AS d
                      WHERE d.tenant_id = @tenant AND d.term = ANY(@keywords) AND d.owner_id <> @me
                        AND (d.open_to & @open_mask) = @open_mask AND (@industry = '' OR d.industry = @industry)
                        AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = d.tenant_id AND u.id = d.owner_id AND u.is_active)
                      GROUP BY d.contact_id
                      HAVING count(*) = @keyword_count) AS m
                WHERE @other_count > 0 AND (SELECT count(*) FROM probed) < {CandidateLimit}
                  AND (SELECT count(*) FROM (SELECT 1 FROM discovery_terms AS d
                       WHERE d.tenant_id = @tenant AND d.term = @driver LIMIT {ProbeLimit + 1}) AS x) > {ProbeLimit}
                ORDER BY m.depth DESC, m.last_contacted_on DESC NULLS LAST
                LIMIT {CandidateLimit}),
            candidates AS (
                SELECT * FROM intersected
                UNION ALL SELECT * FROM probed WHERE NOT EXISTS (SELECT 1 FROM intersected))
            """, [new("driver", driver), new("others", others), new("other_count", others.Length), new("keywords", keywords),
                new("keyword_count", keywords.Length), new("open_mask", (int)openTo), new("industry", industry)]);
    }

    /// <summary>
    /// One statement for the candidates, their strength signals from index-only reads (interactions, person keys), the
    /// ranking and what the searcher may see of the requested page: names and colleagues only for Shared contacts.
    /// Each row carries the number of candidates and the page actually shown (clamped to the last page).
    /// </summary>
    private async Task<List<RankedRow>> RankedPageAsync(
        CandidateQuery candidates, Guid tenant, Guid me, int page, DateOnly today, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH {candidates.Sql},
            scored AS (
                SELECT x.contact_id, x.depth, x.last_contacted_on, coalesce(t.n, 0) AS interactions, t.latest, coalesce(t.decayed, 0) AS decayed,
                       coalesce(k.others, 0) AS others,
                       least(greatest(x.depth, 1), 5) * 20 + round(40 * (1 - exp(-greatest(0, coalesce(t.decayed, 0)) / 2)))::int
                         + 10 * least(3, coalesce(k.others, 0)) AS score
                FROM candidates AS x
                LEFT JOIN LATERAL (SELECT count(*)::int AS n, max(i.occurred_on) AS latest,
                                          sum(power(0.5, (@today - i.occurred_on)::float8 / {RelationshipStrength.HalfLifeDays}))::float8 AS decayed
                                   FROM interactions AS i
                                   WHERE i.tenant_id = @tenant AND i.contact_id = x.contact_id AND i.occurred_on <= @today) AS t ON true
                LEFT JOIN LATERAL (SELECT count(DISTINCT o.owner_id)::int AS others
                                   FROM discovery_person_keys AS k
                                   JOIN discovery_person_keys AS o ON o.tenant_id = k.tenant_id AND o.person_key = k.person_key
                                   WHERE k.tenant_id = @tenant AND k.contact_id = x.contact_id AND o.owner_id <> k.owner_id AND o.owner_id <> @me
                                     AND EXISTS (SELECT 1 FROM users AS u WHERE u.tenant_id = o.tenant_id AND u.id = o.owner_id AND u.is_active)) AS k ON true),
            ranked AS (
                SELECT s.*, row_number() OVER (ORDER BY s.score DESC, s.contact_id) AS position, count(*) OVER () AS total FROM scored AS s),
            shown AS (
                SELECT r.*, least(greatest(@page, 1), (r.total + {PageSize - 1}) / {PageSize})::int AS page FROM ranked AS r)
            SELECT c.id AS "ContactId", c.visibility AS "Visibility",
                   CASE WHEN c.visibility = 2 THEN c.display_name END AS "DisplayName",
                   CASE WHEN c.visibility = 2 THEN u.display_name END AS "OwnerName",
                   CASE WHEN c.visibility = 2 THEN c.owner_id END AS "OwnerId",
                   dep.name AS "OwnerDepartment", c.title AS "Title", c.company_name AS "CompanyName", c.organization_id AS "OrganizationId",
                   c.open_to AS "OpenTo", s.depth AS "Depth", s.last_contacted_on AS "LastContactedOn", s.interactions AS "Interactions",
                   s.latest AS "Latest", s.decayed AS "Decayed", s.others AS "OtherColleagues", s.total::int AS "Total", s.page AS "Page"
            FROM shown AS s
            JOIN contacts AS c ON c.tenant_id = @tenant AND c.id = s.contact_id
            JOIN users AS u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id
            LEFT JOIN departments AS dep ON dep.tenant_id = u.tenant_id AND dep.id = u.department_id
            WHERE s.position > (s.page - 1) * {PageSize} AND s.position <= s.page * {PageSize}
            ORDER BY s.position
            """;
        object[] parameters = [
            new NpgsqlParameter("tenant", tenant), new NpgsqlParameter("me", me),
            new NpgsqlParameter("page", page), new NpgsqlParameter("today", today), .. candidates.Parameters];
        return await db.Database.SqlQueryRaw<RankedRow>(sql, parameters).ToListAsync(cancellationToken);
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record RankedRow(
        Guid ContactId, int Visibility, string? DisplayName, string? OwnerName, Guid? OwnerId, string? OwnerDepartment, string? Title,
        string? CompanyName, Guid? OrganizationId, int OpenTo, int Depth, DateOnly? LastContactedOn, int Interactions, DateOnly? Latest,
        double Decayed, int OtherColleagues, int Total, int Page);
}

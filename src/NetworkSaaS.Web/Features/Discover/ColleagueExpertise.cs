using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Discover;

/// <summary>A colleague whose profile names expertise the searcher asked about.</summary>
public sealed record ColleagueExpert(Guid UserId, string DisplayName, string? Email, string? Department, string? Title, IReadOnlyList<string> Expertise);

/// <summary>
/// "Who here knows about APPI / Go / 物流": active colleagues whose profile expertise tags hold every word of the
/// keywords, matched like discovery matches contacts (width, case and katakana/hiragana folded; Latin words whole,
/// Japanese by bigrams), so mentors and advisors inside the company are found next to outside contacts.
/// </summary>
public sealed class ColleagueExpertise(AppDbContext db, DiscoveryIndexSource source)
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

        string[] terms = [.. await source.KeywordTermsAsync(text, cancellationToken)];
        if (terms.Length == 0)
        {
            return [];
        }

        var tenant = db.CurrentTenantId;
        // users.expertise_terms holds discovery_tokens of every tag (a generated column, see the PersonKeysAndExpertiseTerms migration).
        var experts = await db.Database.SqlQuery<ExpertRow>($"""
            SELECT u.id AS "UserId", u.display_name AS "DisplayName", u.email AS "Email", dep.name AS "Department", u.title AS "Title",
                   u.expertise_tags AS "Expertise"
            FROM users AS u
            LEFT JOIN departments AS dep ON dep.tenant_id = u.tenant_id AND dep.id = u.department_id
            WHERE u.tenant_id = {tenant} AND u.is_active AND u.id <> {me} AND u.expertise_terms @> {terms}
            ORDER BY u.display_name, u.id
            LIMIT {Limit}
            """).ToListAsync(cancellationToken);
        return [.. experts.Select(e => new ColleagueExpert(e.UserId, e.DisplayName, e.Email, e.Department, e.Title, e.Expertise))];
    }

    private sealed record ExpertRow(Guid UserId, string DisplayName, string? Email, string? Department, string? Title, string[] Expertise);
}

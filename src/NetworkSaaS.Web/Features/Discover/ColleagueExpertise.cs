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
public sealed class ColleagueExpertise(AppDbContext db)
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

        var tenant = db.CurrentTenantId;
        // users.expertise_terms holds discovery_tokens of every tag (a generated column, see the PersonKeysAndExpertiseTerms migration).
        var ids = await db.Database.SqlQuery<Guid>($"""
            WITH q AS (SELECT array_agg(k.t) AS terms FROM (SELECT t FROM discovery_tokens({text}) AS t LIMIT 12) AS k)
            SELECT u.id AS "Value" FROM users AS u, q
            WHERE u.tenant_id = {tenant} AND u.is_active AND u.id <> {me} AND q.terms IS NOT NULL AND u.expertise_terms @> q.terms
            ORDER BY u.display_name, u.id
            LIMIT {Limit}
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var experts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new ColleagueExpert(u.Id, u.DisplayName, u.Email, u.Department != null ? u.Department.Name : null, u.Title, u.ExpertiseTags))
            .ToListAsync(cancellationToken);
        return [.. experts.OrderBy(e => ids.IndexOf(e.UserId))];
    }
}

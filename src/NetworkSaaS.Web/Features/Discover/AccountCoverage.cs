using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Discover;

public enum CoverageRisk
{
    None,
    Low,
    Concentrated,
    SingleHolder,
}

public sealed record DepartmentCoverage(string? Department, int Colleagues, int Relationships, int StrongestDepth);

public sealed record Coverage(
    Guid OrganizationId, string OrganizationName, int Colleagues, int Relationships, int TopHolderRelationships,
    IReadOnlyList<DepartmentCoverage> Departments, CoverageRisk Risk)
{
    public int TopHolderPercent => Relationships == 0 ? 0 : (int)Math.Round(100.0 * TopHolderRelationships / Relationships);
}

/// <summary>
/// How the company covers an account: colleagues with relationships there, by department, and the risk when one
/// colleague holds all or most of them. Counts only Shared and Discoverable contacts, so Private ones leave no trace
/// (a company known only privately gets no coverage at all), and only active colleagues (leavers hold nothing).
/// </summary>
public sealed class AccountCoverage(AppDbContext db)
{
    /// <summary>At or above this share of the relationships, one colleague leaving would cost most of the account.</summary>
    public const double ConcentrationThreshold = 0.7;

    public async Task<IReadOnlyList<Coverage>> ForAsync(IReadOnlyList<Guid> organizationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationIds);
        if (organizationIds.Count == 0)
        {
            return [];
        }

        var tenant = db.CurrentTenantId;
        var ids = organizationIds.ToArray();
        var holders = await db.Database.SqlQuery<Holder>($"""
            SELECT h.organization_id AS "OrganizationId", o.name AS "OrganizationName", h.owner_id AS "OwnerId", dep.name AS "Department",
                   h.relationships AS "Relationships", h.strongest AS "Strongest"
            FROM (SELECT c.organization_id, c.owner_id, count(*)::int AS relationships, max(c.depth) AS strongest
                  FROM contacts AS c
                  WHERE c.tenant_id = {tenant} AND c.organization_id = ANY({ids}) AND c.visibility <> 0 AND NOT c.use_stopped
                  GROUP BY c.organization_id, c.owner_id) AS h
            JOIN organizations AS o ON o.tenant_id = {tenant} AND o.id = h.organization_id
            JOIN users AS u ON u.tenant_id = {tenant} AND u.id = h.owner_id AND u.is_active
            LEFT JOIN departments AS dep ON dep.tenant_id = u.tenant_id AND dep.id = u.department_id
            """).ToListAsync(cancellationToken);
        return [.. ids.Select(id => holders.Where(h => h.OrganizationId == id).ToList()).Where(perOwner => perOwner.Count > 0).Select(Summarize)];
    }

    private static Coverage Summarize(List<Holder> perOwner)
    {
        var relationships = perOwner.Sum(o => o.Relationships);
        var top = perOwner.Max(o => o.Relationships);
        var departments = perOwner.GroupBy(o => o.Department)
            .Select(g => new DepartmentCoverage(g.Key, g.Count(), g.Sum(o => o.Relationships), g.Max(o => o.Strongest)))
            .OrderByDescending(d => d.Relationships).ThenBy(d => d.Department, StringComparer.Ordinal).ToList();
        var risk = perOwner.Count == 1 ? CoverageRisk.SingleHolder
            : (double)top / relationships >= ConcentrationThreshold ? CoverageRisk.Concentrated
            : CoverageRisk.Low;
        return new Coverage(perOwner[0].OrganizationId, perOwner[0].OrganizationName, perOwner.Count, relationships, top, departments, risk);
    }

    private sealed record Holder(Guid OrganizationId, string OrganizationName, Guid OwnerId, string? Department, int Relationships, int Strongest);
}

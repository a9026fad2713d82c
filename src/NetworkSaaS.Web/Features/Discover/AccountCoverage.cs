using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

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
/// How the company covers one account: colleagues with relationships there, by department, and the risk when one
/// colleague holds all or most of them. Counts only Shared and Discoverable contacts, so Private ones leave no trace.
/// </summary>
public sealed class AccountCoverage(AppDbContext db)
{
    /// <summary>At or above this share of the relationships, one colleague leaving would cost most of the account.</summary>
    public const double ConcentrationThreshold = 0.7;

    public async Task<Coverage?> ForAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var perOwner = await db.Contacts.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.Visibility != ContactVisibility.Private)
            .GroupBy(c => new { c.OwnerId, Department = c.Owner!.Department != null ? c.Owner.Department.Name : null })
            .Select(g => new { g.Key.OwnerId, g.Key.Department, Count = g.Count(), Strongest = g.Max(c => c.Depth) })
            .ToListAsync(cancellationToken);
        if (perOwner.Count == 0)
        {
            return null;
        }

        var relationships = perOwner.Sum(o => o.Count);
        var top = perOwner.Max(o => o.Count);
        var departments = perOwner.GroupBy(o => o.Department)
            .Select(g => new DepartmentCoverage(g.Key, g.Count(), g.Sum(o => o.Count), g.Max(o => o.Strongest)))
            .OrderByDescending(d => d.Relationships).ThenBy(d => d.Department, StringComparer.Ordinal).ToList();
        var risk = perOwner.Count == 1 ? CoverageRisk.SingleHolder
            : (double)top / relationships >= ConcentrationThreshold ? CoverageRisk.Concentrated
            : CoverageRisk.Low;
        return new Coverage(organizationId, organization, perOwner.Count, relationships, top, departments, risk);
    }
}

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
public sealed class AccountCoverage(DiscoveryIndexSource source)
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

        // Holders and names come from the discovery index: findable contacts of active colleagues and their organizations.
        var index = await source.CheckedAsync(cancellationToken);
        return [.. organizationIds.Distinct()
            .Select(id => (Id: id, Name: index.OrganizationName(id), Holders: index.Holders(id)))
            .Where(o => o.Name is not null && o.Holders.Count > 0)
            .Select(o => Summarize(o.Id, o.Name!, o.Holders))];
    }

    private static Coverage Summarize(Guid organizationId, string organizationName, IReadOnlyList<IndexedHolder> perOwner)
    {
        var relationships = perOwner.Sum(o => o.Relationships);
        var top = perOwner.Max(o => o.Relationships);
        var departments = perOwner.GroupBy(o => o.Department)
            .Select(g => new DepartmentCoverage(g.Key, g.Count(), g.Sum(o => o.Relationships), g.Max(o => o.Strongest)))
            .OrderByDescending(d => d.Relationships).ThenBy(d => d.Department, StringComparer.Ordinal).ToList();
        var risk = perOwner.Count == 1 ? CoverageRisk.SingleHolder
            : (double)top / relationships >= ConcentrationThreshold ? CoverageRisk.Concentrated
            : CoverageRisk.Low;
        return new Coverage(organizationId, organizationName, perOwner.Count, relationships, top, departments, risk);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Reports;

public sealed record HealthLine(string Label, int ContactsAdded, int Interactions, int Overdue);

/// <summary>Network health: contacts added, interactions logged, touches overdue, and coverage of the companies the scope knows best.</summary>
[Authorize(Roles = ReportAccess.AllowedRoles)]
public sealed class HealthModel(
    ReportFilters filters, ITenantContextAccessor tenantContext, NetworkHealthReport report, AppDbContext db,
    ReportLabels labels, IStringLocalizer<SharedResource> l)
    : ReportPageModel(filters, tenantContext)
{
    public override string Report => "health";

    public override bool UsesPurpose => false;

    public HealthLine Total { get; private set; } = new("", 0, 0, 0);
    public IReadOnlyList<HealthLine> OverTime { get; private set; } = [];
    public ReportChart OverTimeChart { get; private set; } = null!;
    public IReadOnlyList<HealthLine> ByDepartment { get; private set; } = [];
    public ReportChart? ByDepartmentChart { get; private set; }
    public IReadOnlyList<HealthLine> ByEmployee { get; private set; } = [];
    public IReadOnlyList<Coverage> Companies { get; private set; } = [];
    public ReportChart? CompaniesChart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        var activity = await report.ActivityAsync(Filter.Period, Scope, Today, cancellationToken);
        OverTime = [.. ReportFilters.ActivityOverTime(activity, Buckets())
            .Select(b => new HealthLine(BucketLabel(b.Bucket, labels), b.ContactsAdded, b.Interactions, 0))];
        OverTimeChart = new ReportChart(ChartKind.Line, [.. OverTime.Select(o => o.Label)],
        [
            new ChartSeries(l["Contacts added"], [.. OverTime.Select(o => (decimal)o.ContactsAdded)]),
            new ChartSeries(l["Interactions logged"], [.. OverTime.Select(o => (decimal)o.Interactions)]),
        ]);

        var total = activity.FirstOrDefault(a => a.Dimension == HealthDimension.Total);
        Total = new HealthLine(l["Total"], total?.ContactsAdded ?? 0, total?.Interactions ?? 0, total?.Overdue ?? 0);
        if (Scope.WholeCompany)
        {
            var departments = Scope.Departments.ToDictionary(d => d.Id.ToString(), d => d.Name, StringComparer.Ordinal);
            ByDepartment = [.. activity.Where(a => a.Dimension == HealthDimension.Department).Select(a => new HealthLine(
                a.Key is null ? labels.NoDepartment : departments.GetValueOrDefault(a.Key, labels.NoDepartment), a.ContactsAdded, a.Interactions, a.Overdue))];
            ByDepartmentChart = ByDepartment.Count == 0 ? null : new ReportChart(ChartKind.Bar, [.. ByDepartment.Select(d => d.Label)],
            [
                new ChartSeries(l["Contacts added"], [.. ByDepartment.Select(d => (decimal)d.ContactsAdded)]),
                new ChartSeries(l["Interactions logged"], [.. ByDepartment.Select(d => (decimal)d.Interactions)]),
                new ChartSeries(l["Touches overdue today"], [.. ByDepartment.Select(d => (decimal)d.Overdue)]),
            ]) { Horizontal = ByDepartment.Count > 6 };
        }

        var employees = activity.Where(a => a.Dimension == HealthDimension.Employee).ToList();
        var names = await UserNames.ForAsync(db, employees.Select(e => Guid.Parse(e.Key!)), cancellationToken);
        ByEmployee = [.. employees.Select(e => new HealthLine(names.GetValueOrDefault(Guid.Parse(e.Key!), ""), e.ContactsAdded, e.Interactions, e.Overdue))];

        Companies = await report.TopCompaniesAsync(Filter.Period, Scope, cancellationToken);
        CompaniesChart = Companies.Count == 0 ? null : new ReportChart(ChartKind.Bar, [.. Companies.Select(c => c.OrganizationName)],
        [
            new ChartSeries(l["Held by the colleague with the most"], [.. Companies.Select(c => (decimal)c.TopHolderRelationships)]),
            new ChartSeries(l["Held by other colleagues"], [.. Companies.Select(c => (decimal)(c.Relationships - c.TopHolderRelationships))]),
        ]) { Horizontal = true, Stacked = true };
    }
}

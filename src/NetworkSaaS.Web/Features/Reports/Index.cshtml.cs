using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>Lead and referral sources: the period's introductions and outcomes by purpose, channel, department, colleague and over time.</summary>
[Authorize(Roles = ReportAccess.AllowedRoles)]
public sealed class IndexModel(
    ReportFilters filters, ITenantContextAccessor tenantContext, IntroductionReport report, AppDbContext db,
    ReportLabels labels, ContactLabels contactLabels, IntroductionLabels introductionLabels, IStringLocalizer<SharedResource> l)
    : ReportPageModel(filters, tenantContext)
{
    public override string Report => "sources";

    public IReadOnlyList<Breakdown> Breakdowns { get; private set; } = [];
    public FunnelCounts Total { get; private set; } = FunnelCounts.None;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        var rows = await report.BreakdownAsync(Filter, Scope, cancellationToken);
        Total = rows.FirstOrDefault(r => r.Dimension == SourceDimension.Total)?.Counts ?? FunnelCounts.None;
        var series = (l["Introductions requested"].Value, l["Introduced"].Value, labels.Succeeded(Filter.Purpose));
        var names = await UserNames.ForAsync(db, rows.Where(r => r.Dimension == SourceDimension.Employee).Select(r => Guid.Parse(r.Key!)), cancellationToken);
        var departments = Scope.Departments.ToDictionary(d => d.Id.ToString(), d => d.Name, StringComparer.Ordinal);
        IReadOnlyList<BreakdownLine> Lines(SourceDimension dimension, Func<string?, string> label) =>
            [.. rows.Where(r => r.Dimension == dimension).OrderByDescending(r => r.Counts.Requested).ThenByDescending(r => r.Counts.Succeeded)
                .Select(r => new BreakdownLine(label(r.Key), r.Counts))];

        var breakdowns = new List<Breakdown>
        {
            Breakdown.Of("by-purpose", l["By purpose"], l["Purpose"], Lines(SourceDimension.Purpose, k => introductionLabels.Purpose(Enum.Parse<IntroductionPurpose>(k!))), ChartKind.Bar, series),
            Breakdown.Of("by-channel", l["By how the contact was met"], l["How we met"], Lines(SourceDimension.Channel, k => contactLabels.Channel(Enum.Parse<MeetingChannel>(k!))), ChartKind.Bar, series),
        };
        if (Scope.WholeCompany)
        {
            breakdowns.Add(Breakdown.Of("by-department", l["By department of the connector"], l["Department"],
                Lines(SourceDimension.Department, k => k is null ? labels.NoDepartment : departments.GetValueOrDefault(k, labels.NoDepartment)), ChartKind.Bar, series));
        }

        breakdowns.Add(Breakdown.Of("by-employee", l["By connector (top {0})", IntroductionReport.TopEmployees], l["Connector"],
            Lines(SourceDimension.Employee, k => names.GetValueOrDefault(Guid.Parse(k!), "")), ChartKind.Bar, series));
        breakdowns.Add(Breakdown.Of("over-time", l["Over time"], labels.Interval(Filter.Interval), OverTime(rows), ChartKind.Line, series));
        Breakdowns = breakdowns;
    }

    /// <summary>Every month or quarter of the period, empty ones included.</summary>
    private List<BreakdownLine> OverTime(IReadOnlyList<SourceRow> rows) =>
        [.. ReportFilters.IntroductionsOverTime(rows, Buckets()).Select(b => new BreakdownLine(BucketLabel(b.Bucket, labels), b.Counts))];
}

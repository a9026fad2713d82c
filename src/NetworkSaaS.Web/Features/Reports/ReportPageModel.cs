using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>What every report page shares: the filters read from the URL, the scope the user may see, the period picker.</summary>
public abstract class ReportPageModel(ReportFilters filters, ITenantContextAccessor tenantContext) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodToken { get; set; }

    [BindProperty(SupportsGet = true, Name = "department")]
    public Guid? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "purpose")]
    public IntroductionPurpose? Purpose { get; set; }

    [BindProperty(SupportsGet = true, Name = "interval")]
    public ReportInterval? Interval { get; set; }

    public ReportFilter Filter { get; private set; } = null!;
    public ReportScope Scope { get; private set; } = null!;
    public IReadOnlyList<ReportPeriod> PeriodChoices { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    /// <summary>Today in the company's time zone.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Which tab is shown: "sources", "funnel" or "health".</summary>
    public abstract string Report { get; }

    /// <summary>Whether the purpose filter applies to this report.</summary>
    public virtual bool UsesPurpose => true;

    /// <summary>Reads the filters (an unknown value falls back to its default) and works out the scope.</summary>
    protected async Task ResolveAsync(CancellationToken cancellationToken)
    {
        var resolved = await filters.ResolveAsync(User, new ReportQuery(PeriodToken, DepartmentId, Purpose, Interval), cancellationToken);
        (Filter, Scope, Today) = (resolved.Filter, resolved.Scope, resolved.Today);
        PeriodChoices = ReportPeriod.Choices(Today, tenantContext.Tenant!.FiscalYearStartMonth, Filter.Period);
    }

    /// <summary>The buckets of the period for charts over time: its months, or its fiscal quarters.</summary>
    protected IReadOnlyList<ReportBucket> Buckets() => filters.Buckets(Filter);

    public string BucketLabel(ReportBucket bucket, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(labels);
        var fiscalStart = tenantContext.Tenant!.FiscalYearStartMonth;
        return bucket.Months == 1 ? ReportLabels.Month(bucket.Start)
            : labels.Quarter(ReportPeriod.FiscalYearOf(bucket.Start, fiscalStart), ReportPeriod.QuarterOf(bucket.Start, fiscalStart));
    }
}

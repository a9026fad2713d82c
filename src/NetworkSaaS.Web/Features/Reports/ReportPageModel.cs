using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>What every report page shares: the filters read from the URL, the scope the user may see, the period picker.</summary>
public abstract class ReportPageModel(ReportAccess access, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
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
        var tenant = tenantContext.Tenant!;
        var today = Today = TenantClock.Today(tenant, clock);
        var period = ReportPeriod.Parse(PeriodToken, tenant.FiscalYearStartMonth)
                     ?? ReportPeriod.OfFiscalYear(ReportPeriod.FiscalYearOf(today, tenant.FiscalYearStartMonth), tenant.FiscalYearStartMonth);
        Scope = await access.ScopeAsync(User, DepartmentId, cancellationToken);
        var purpose = Purpose is { } p && Enum.IsDefined(p) ? p : (IntroductionPurpose?)null;
        var interval = Interval is { } i && Enum.IsDefined(i) ? i : ReportInterval.Month;
        Filter = new ReportFilter(period, Scope.CanChooseDepartment ? Scope.Department?.Id : null, purpose, interval);
        PeriodChoices = ReportPeriod.Choices(today, tenant.FiscalYearStartMonth, period);
    }

    /// <summary>The buckets of the period for charts over time: its months, or its fiscal quarters.</summary>
    public IReadOnlyList<(DateOnly Start, int Months)> Buckets()
    {
        var months = Filter.Interval == ReportInterval.Quarter ? 3 : 1;
        var fiscalStart = tenantContext.Tenant!.FiscalYearStartMonth;
        var buckets = new List<(DateOnly, int)>();
        var start = Filter.Period.Start;
        if (months == 3)
        {
            start = ReportPeriod.OfQuarter(ReportPeriod.FiscalYearOf(start, fiscalStart), ReportPeriod.QuarterOf(start, fiscalStart), fiscalStart).Start;
        }

        for (var bucket = start; bucket < Filter.Period.End; bucket = bucket.AddMonths(months))
        {
            buckets.Add((bucket, months));
        }

        return buckets;
    }

    public string BucketLabel(DateOnly start, int months, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var fiscalStart = tenantContext.Tenant!.FiscalYearStartMonth;
        return months == 1 ? ReportLabels.Month(start) : labels.Quarter(ReportPeriod.FiscalYearOf(start, fiscalStart), ReportPeriod.QuarterOf(start, fiscalStart));
    }
}

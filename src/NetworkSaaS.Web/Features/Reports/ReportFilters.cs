using System.Security.Claims;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>What a report was asked for, as the page's URL or the API's query string names it (<c>period</c>, <c>department</c>, <c>purpose</c>, <c>interval</c>).</summary>
public sealed record ReportQuery(string? Period, Guid? DepartmentId, IntroductionPurpose? Purpose, ReportInterval? Interval);

/// <summary>A report's filter and scope as they apply to the current user, with today in the company's time zone.</summary>
public sealed record ResolvedReport(ReportFilter Filter, ReportScope Scope, DateOnly Today);

/// <summary>One month or fiscal quarter of a report's period, for the figures over time.</summary>
public sealed record ReportBucket(DateOnly Start, int Months);

/// <summary>
/// Turns a <see cref="ReportQuery"/> into the filter and scope a report runs with, for the report pages and the API alike:
/// an unknown value falls back to its default (the current fiscal year, all purposes, months), and the department counts
/// only for those who may choose one (<see cref="ReportAccess"/>).
/// </summary>
public sealed class ReportFilters(ReportAccess access, ITenantContextAccessor tenantContext, TimeProvider clock)
{
    public async Task<ResolvedReport> ResolveAsync(ClaimsPrincipal user, ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = tenantContext.Tenant!;
        var today = TenantClock.Today(tenant, clock);
        var period = ReportPeriod.Parse(query.Period, tenant.FiscalYearStartMonth)
                     ?? ReportPeriod.OfFiscalYear(ReportPeriod.FiscalYearOf(today, tenant.FiscalYearStartMonth), tenant.FiscalYearStartMonth);
        var scope = await access.ScopeAsync(user, query.DepartmentId, cancellationToken);
        var purpose = query.Purpose is { } p && Enum.IsDefined(p) ? p : (IntroductionPurpose?)null;
        var interval = query.Interval is { } i && Enum.IsDefined(i) ? i : ReportInterval.Month;
        return new ResolvedReport(new ReportFilter(period, scope.CanChooseDepartment ? scope.Department?.Id : null, purpose, interval), scope, today);
    }

    /// <summary>The buckets of the period for figures over time: its months, or its fiscal quarters.</summary>
    public IReadOnlyList<ReportBucket> Buckets(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var months = filter.Interval == ReportInterval.Quarter ? 3 : 1;
        var fiscalStart = tenantContext.Tenant!.FiscalYearStartMonth;
        var buckets = new List<ReportBucket>();
        var start = filter.Period.Start;
        if (months == 3)
        {
            start = ReportPeriod.OfQuarter(ReportPeriod.FiscalYearOf(start, fiscalStart), ReportPeriod.QuarterOf(start, fiscalStart), fiscalStart).Start;
        }

        for (var bucket = start; bucket < filter.Period.End; bucket = bucket.AddMonths(months))
        {
            buckets.Add(new ReportBucket(bucket, months));
        }

        return buckets;
    }

    /// <summary>The introductions of every bucket, empty ones included, summed from the monthly rows.</summary>
    public static IReadOnlyList<(ReportBucket Bucket, FunnelCounts Counts)> IntroductionsOverTime(IReadOnlyList<SourceRow> rows, IReadOnlyList<ReportBucket> buckets)
    {
        var months = rows.Where(r => r.Dimension == SourceDimension.Month).ToDictionary(IntroductionReport.MonthOf, r => r.Counts);
        return [.. buckets.Select(bucket =>
        {
            var inBucket = Enumerable.Range(0, bucket.Months).Select(m => months.GetValueOrDefault(bucket.Start.AddMonths(m))).OfType<FunnelCounts>().ToList();
            return (bucket, new FunnelCounts(inBucket.Sum(c => c.Requested), inBucket.Sum(c => c.Accepted), inBucket.Sum(c => c.Introduced),
                inBucket.Sum(c => c.Succeeded), null, null, null));
        })];
    }

    /// <summary>The contacts added and interactions logged in every bucket, empty ones included, summed from the monthly rows.</summary>
    public static IReadOnlyList<(ReportBucket Bucket, int ContactsAdded, int Interactions)> ActivityOverTime(IReadOnlyList<HealthRow> rows, IReadOnlyList<ReportBucket> buckets)
    {
        var months = rows.Where(a => a.Dimension == HealthDimension.Month).ToDictionary(NetworkHealthReport.MonthOf);
        return [.. buckets.Select(bucket =>
        {
            var inBucket = Enumerable.Range(0, bucket.Months).Select(m => months.GetValueOrDefault(bucket.Start.AddMonths(m))).OfType<HealthRow>().ToList();
            return (bucket, inBucket.Sum(m => m.ContactsAdded), inBucket.Sum(m => m.Interactions));
        })];
    }
}

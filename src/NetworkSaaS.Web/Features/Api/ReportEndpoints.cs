using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Reports;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>The period, department and filters a report ran with, after the same defaults and role rules as the pages.</summary>
public sealed record ReportContext(
    string Period, DateOnly Start, DateOnly End, Guid? DepartmentId, string? DepartmentName, bool WholeCompany, IntroductionPurpose? Purpose, ReportInterval Interval);

/// <summary>Introductions through the funnel; the medians in seconds, null when no request took that step.</summary>
public sealed record FunnelFigures(int Requested, int Accepted, int Introduced, int Succeeded, long? MedianSecondsToAccept, long? MedianSecondsToIntroduce, long? MedianSecondsToSucceed)
{
    public static FunnelFigures Of(FunnelCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(counts.Requested, counts.Accepted, counts.Introduced, counts.Succeeded,
            Seconds(counts.ToAccept), Seconds(counts.ToIntroduce), Seconds(counts.ToSucceed));
    }

    private static long? Seconds(TimeSpan? span) => span is { } s ? (long)s.TotalSeconds : null;
}

public sealed record PurposeFigures(IntroductionPurpose Purpose, FunnelFigures Figures);

public sealed record ChannelFigures(MeetingChannel Channel, FunnelFigures Figures);

public sealed record DepartmentFigures(Guid? DepartmentId, string? DepartmentName, FunnelFigures Figures);

public sealed record ConnectorFigures(Guid UserId, string Name, FunnelFigures Figures);

public sealed record PeriodFigures(DateOnly Start, int Months, FunnelFigures Figures);

public sealed record SourcesReport(
    ReportContext Report, FunnelFigures Total, IReadOnlyList<PurposeFigures> ByPurpose, IReadOnlyList<ChannelFigures> ByChannel,
    IReadOnlyList<DepartmentFigures>? ByDepartment, IReadOnlyList<ConnectorFigures> ByConnector, IReadOnlyList<PeriodFigures> OverTime);

public sealed record WonFigures(string Currency, MeetingChannel Channel, int Won, decimal Amount);

public sealed record HireChannelFigures(MeetingChannel Channel, int Referrals, int Hires);

/// <summary>Referrals and hires of one open position; <see cref="PositionId"/> null: not for a position.</summary>
public sealed record HirePositionFigures(Guid? PositionId, string? Title, int Referrals, int Hires);

public sealed record FunnelReport(
    ReportContext Report, FunnelFigures Total, IReadOnlyList<PurposeFigures> ByPurpose, IReadOnlyList<WonFigures> Won,
    IReadOnlyList<HireChannelFigures> HiresByChannel, IReadOnlyList<HirePositionFigures> HiresByPosition);

public sealed record ActivityFigures(int ContactsAdded, int Interactions, int OverdueToday);

public sealed record ActivityPeriod(DateOnly Start, int Months, int ContactsAdded, int Interactions);

public sealed record ActivityDepartment(Guid? DepartmentId, string? DepartmentName, ActivityFigures Figures);

public sealed record ActivityColleague(Guid UserId, string Name, ActivityFigures Figures);

public sealed record CompanyCoverage(Guid OrganizationId, string Name, int Colleagues, int Relationships, int TopHolderRelationships, CoverageRisk Risk);

public sealed record HealthReport(
    ReportContext Report, ActivityFigures Total, IReadOnlyList<ActivityPeriod> OverTime, IReadOnlyList<ActivityDepartment>? ByDepartment,
    IReadOnlyList<ActivityColleague> ByColleague, IReadOnlyList<CompanyCoverage> Companies);

/// <summary>
/// /reports/sources, /reports/funnel, /reports/health: the report pages' figures as JSON, from the same queries
/// (<see cref="IntroductionReport"/>, <see cref="NetworkHealthReport"/>) and the same filter and scope
/// (<see cref="ReportFilters"/>): Managers their department, Executives and Admins the company or a department.
/// Query: period (2026-05, FY2026-Q1, FY2026), department, purpose, interval (month, quarter).
/// </summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder v1)
    {
        var reports = v1.MapGroup("/reports").WithTags("Reports")
            .RequireAuthorization(ApiPolicies.Read)
            .RequireAuthorization(new AuthorizeAttribute { Roles = ReportAccess.AllowedRoles });
        reports.MapGet("/sources", SourcesAsync).WithName("GetSourcesReport")
            .WithSummary("Lead and referral sources: introductions and outcomes by purpose, channel, department, connector and over time.");
        reports.MapGet("/funnel", FunnelAsync).WithName("GetFunnelReport")
            .WithSummary("Requested → accepted → introduced → succeeded, won amounts per currency, referral hires.");
        reports.MapGet("/health", HealthAsync).WithName("GetHealthReport")
            .WithSummary("Network health: contacts added, interactions logged, touches overdue, coverage of the companies known best.");
    }

    private static async Task<Ok<SourcesReport>> SourcesAsync(
        HttpContext http, ReportFilters filters, IntroductionReport report, AppDbContext db,
        string? period, Guid? department, string? purpose, string? interval, CancellationToken cancellationToken)
    {
        var resolved = await filters.ResolveAsync(http.User, new ReportQuery(period, department, ApiQueryValues.Enum<IntroductionPurpose>(purpose), ApiQueryValues.Enum<ReportInterval>(interval)), cancellationToken);
        var rows = await report.BreakdownAsync(resolved.Filter, resolved.Scope, cancellationToken);
        var names = await UserNames.ForAsync(db, rows.Where(r => r.Dimension == SourceDimension.Employee).Select(r => Guid.Parse(r.Key!)), cancellationToken);
        IEnumerable<SourceRow> Of(SourceDimension dimension) =>
            rows.Where(r => r.Dimension == dimension).OrderByDescending(r => r.Counts.Requested).ThenByDescending(r => r.Counts.Succeeded);
        return TypedResults.Ok(new SourcesReport(
            Context(resolved),
            FunnelFigures.Of(rows.FirstOrDefault(r => r.Dimension == SourceDimension.Total)?.Counts ?? FunnelCounts.None),
            [.. Of(SourceDimension.Purpose).Select(r => new PurposeFigures(Enum.Parse<IntroductionPurpose>(r.Key!), FunnelFigures.Of(r.Counts)))],
            [.. Of(SourceDimension.Channel).Select(r => new ChannelFigures(Enum.Parse<MeetingChannel>(r.Key!), FunnelFigures.Of(r.Counts)))],
            resolved.Scope.WholeCompany
                ? [.. Of(SourceDimension.Department).Select(r => Department(resolved.Scope, r.Key, d => new DepartmentFigures(d?.Id, d?.Name, FunnelFigures.Of(r.Counts))))]
                : null,
            [.. Of(SourceDimension.Employee).Select(r => new ConnectorFigures(Guid.Parse(r.Key!), names.GetValueOrDefault(Guid.Parse(r.Key!), ""), FunnelFigures.Of(r.Counts)))],
            [.. ReportFilters.IntroductionsOverTime(rows, filters.Buckets(resolved.Filter))
                .Select(b => new PeriodFigures(b.Bucket.Start, b.Bucket.Months, FunnelFigures.Of(b.Counts)))]));
    }

    private static async Task<Ok<FunnelReport>> FunnelAsync(
        HttpContext http, ReportFilters filters, IntroductionReport report,
        string? period, Guid? department, string? purpose, string? interval, CancellationToken cancellationToken)
    {
        var resolved = await filters.ResolveAsync(http.User, new ReportQuery(period, department, ApiQueryValues.Enum<IntroductionPurpose>(purpose), ApiQueryValues.Enum<ReportInterval>(interval)), cancellationToken);
        var rows = await report.BreakdownAsync(resolved.Filter, resolved.Scope, cancellationToken);
        var byPurpose = rows.Where(r => r.Dimension == SourceDimension.Purpose).ToDictionary(r => Enum.Parse<IntroductionPurpose>(r.Key!), r => r.Counts);
        var won = await report.WonAmountsAsync(resolved.Filter, resolved.Scope, cancellationToken);
        var hires = await report.HiresAsync(resolved.Filter, resolved.Scope, cancellationToken);
        return TypedResults.Ok(new FunnelReport(
            Context(resolved),
            FunnelFigures.Of(rows.FirstOrDefault(r => r.Dimension == SourceDimension.Total)?.Counts ?? FunnelCounts.None),
            [.. Enum.GetValues<IntroductionPurpose>().Where(byPurpose.ContainsKey).Select(p => new PurposeFigures(p, FunnelFigures.Of(byPurpose[p])))],
            [.. won.OrderBy(w => w.Currency, StringComparer.Ordinal).Select(w => new WonFigures(w.Currency, w.Channel, w.Won, w.Amount))],
            [.. hires.Where(h => h.Dimension == HireDimension.Channel).Select(h => new HireChannelFigures(Enum.Parse<MeetingChannel>(h.Key!), h.Referrals, h.Hires))],
            [.. hires.Where(h => h.Dimension == HireDimension.Position)
                .Select(h => new HirePositionFigures(h.Key is null ? null : Guid.Parse(h.Key), h.Position, h.Referrals, h.Hires))]));
    }

    private static async Task<Ok<HealthReport>> HealthAsync(
        HttpContext http, ReportFilters filters, NetworkHealthReport report, AppDbContext db,
        string? period, Guid? department, string? interval, CancellationToken cancellationToken)
    {
        var resolved = await filters.ResolveAsync(http.User, new ReportQuery(period, department, null, ApiQueryValues.Enum<ReportInterval>(interval)), cancellationToken);
        var scope = resolved.Scope;
        var activity = await report.ActivityAsync(resolved.Filter.Period, scope, resolved.Today, cancellationToken);
        var total = activity.FirstOrDefault(a => a.Dimension == HealthDimension.Total);
        var employees = activity.Where(a => a.Dimension == HealthDimension.Employee).ToList();
        var names = await UserNames.ForAsync(db, employees.Select(e => Guid.Parse(e.Key!)), cancellationToken);
        var companies = await report.TopCompaniesAsync(resolved.Filter.Period, scope, cancellationToken);
        return TypedResults.Ok(new HealthReport(
            Context(resolved) with { Purpose = null },
            new ActivityFigures(total?.ContactsAdded ?? 0, total?.Interactions ?? 0, total?.Overdue ?? 0),
            [.. ReportFilters.ActivityOverTime(activity, filters.Buckets(resolved.Filter))
                .Select(b => new ActivityPeriod(b.Bucket.Start, b.Bucket.Months, b.ContactsAdded, b.Interactions))],
            scope.WholeCompany
                ? [.. activity.Where(a => a.Dimension == HealthDimension.Department)
                    .Select(a => Department(scope, a.Key, d => new ActivityDepartment(d?.Id, d?.Name, new ActivityFigures(a.ContactsAdded, a.Interactions, a.Overdue))))]
                : null,
            [.. employees.Select(e => new ActivityColleague(Guid.Parse(e.Key!), names.GetValueOrDefault(Guid.Parse(e.Key!), ""),
                new ActivityFigures(e.ContactsAdded, e.Interactions, e.Overdue)))],
            [.. companies.Select(c => new CompanyCoverage(c.OrganizationId, c.OrganizationName, c.Colleagues, c.Relationships, c.TopHolderRelationships, c.Risk))]));
    }

    private static ReportContext Context(ResolvedReport resolved)
    {
        var (filter, scope) = (resolved.Filter, resolved.Scope);
        return new ReportContext(filter.Period.Token, filter.Period.Start, filter.Period.End, scope.Department?.Id, scope.Department?.Name,
            scope.WholeCompany, filter.Purpose, filter.Interval);
    }

    /// <summary>A department row's department (null key or a department deleted meanwhile: none).</summary>
    private static T Department<T>(ReportScope scope, string? key, Func<ReportDepartment?, T> make) =>
        make(key is null ? null : scope.Departments.FirstOrDefault(d => d.Id.ToString() == key));
}

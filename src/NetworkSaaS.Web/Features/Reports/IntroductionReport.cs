using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Reports;

public enum SourceDimension
{
    Purpose = 0,
    Channel = 1,
    Department = 2,
    Employee = 3,
    Month = 4,
    Total = 5,
}

/// <summary>
/// Introductions of one group, through the funnel: requested → accepted by the connector → introduced (the person
/// agreed) → succeeded (won, hired, or engaged as advisor). Medians are of the time each step took, read from the
/// timeline; null when no request of the group took that step.
/// </summary>
public sealed record FunnelCounts(
    int Requested, int Accepted, int Introduced, int Succeeded, TimeSpan? ToAccept, TimeSpan? ToIntroduce, TimeSpan? ToSucceed)
{
    public static FunnelCounts None { get; } = new(0, 0, 0, 0, null, null, null);

    public static double? Rate(int of, int from) => from == 0 ? null : (double)of / from;
}

public sealed record SourceRow(SourceDimension Dimension, string? Key, FunnelCounts Counts);

public sealed record WonAmount(MeetingChannel Channel, string Currency, int Won, decimal Amount);

public enum HireDimension
{
    Channel = 0,
    Position = 1,
}

/// <summary>Referral introductions and hires of one source channel, or of one open position (<see cref="Key"/> null: no position).</summary>
public sealed record HireRow(HireDimension Dimension, string? Key, string? Position, int Referrals, int Hires);

/// <summary>
/// Where leads, referral hires and advisors come from: introductions requested in the period (in the company's time
/// zone) and what became of them, aggregated in PostgreSQL. An introduction counts for its connector, the colleague
/// whose network it came from, and for the connector's department.
/// </summary>
public sealed class IntroductionReport(AppDbContext db, ITenantContextAccessor tenantContext)
{
    /// <summary>The "by employee" breakdown lists the colleagues who brought the most introductions.</summary>
    public const int TopEmployees = 20;

    /// <summary>The "by position" breakdown lists the positions with the most referrals.</summary>
    public const int TopPositions = 20;

    private const string Succeeded = "12, 23, 30";

    /// <summary>Every breakdown of the period's introductions in one statement (GROUPING SETS over one scan).</summary>
    public async Task<IReadOnlyList<SourceRow>> BreakdownAsync(ReportFilter filter, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new ReportSql(db, tenantContext.Tenant!, filter.Period, scope);
        var top = sql.Add(TopEmployees);
        var rows = await sql.ListAsync<BreakdownRecord>(db, $"""
            WITH facts AS (
                SELECT r.purpose, coalesce(r.contact_channel, {(int)MeetingChannel.Other}) AS channel, u.department_id, r.connector_id,
                       {sql.LocalMonth("r.created_at")} AS month, r.outcome IN ({Succeeded}) AS succeeded,
                       e.requested_at, e.accepted_at, e.introduced_at, e.succeeded_at
                FROM introduction_requests AS r
                JOIN users AS u ON u.tenant_id = r.tenant_id AND u.id = r.connector_id
                CROSS JOIN LATERAL (
                    SELECT min(ev.at) FILTER (WHERE ev.kind = {(int)IntroductionEventKind.Requested}) AS requested_at,
                           min(ev.at) FILTER (WHERE ev.kind IN ({(int)IntroductionEventKind.Offered}, {(int)IntroductionEventKind.Accepted})) AS accepted_at,
                           min(ev.at) FILTER (WHERE ev.kind = {(int)IntroductionEventKind.ConsentConfirmed}) AS introduced_at,
                           min(ev.at) FILTER (WHERE ev.kind = {(int)IntroductionEventKind.OutcomeRecorded} AND ev.outcome IN ({Succeeded})) AS succeeded_at
                    FROM introduction_events AS ev
                    WHERE ev.tenant_id = r.tenant_id AND ev.request_id = r.id) AS e
                WHERE {Introductions(sql, filter)}
            ), grouped AS (
                SELECT CASE WHEN grouping(purpose) = 0 THEN 0 WHEN grouping(channel) = 0 THEN 1 WHEN grouping(department_id) = 0 THEN 2
                            WHEN grouping(connector_id) = 0 THEN 3 WHEN grouping(month) = 0 THEN 4 ELSE 5 END AS dimension,
                       coalesce(purpose::text, channel::text, department_id::text, connector_id::text, to_char(month, 'YYYY-MM-DD')) AS key,
                       count(*)::int AS requested, count(accepted_at)::int AS accepted, count(introduced_at)::int AS introduced,
                       count(*) FILTER (WHERE succeeded)::int AS succeeded,
                       -- Offered requests start accepted: no wait to measure, so requested_at (a Requested event) is null for them.
                       extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY accepted_at - requested_at))::float8 AS accept_seconds,
                       extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY introduced_at - accepted_at))::float8 AS introduce_seconds,
                       extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN succeeded THEN succeeded_at - introduced_at END))::float8 AS succeed_seconds
                FROM facts
                GROUP BY GROUPING SETS ((purpose), (channel), (department_id), (connector_id), (month), ())
            )
            SELECT dimension AS "Dimension", key AS "Key", requested AS "Requested", accepted AS "Accepted", introduced AS "Introduced",
                   succeeded AS "Succeeded", accept_seconds AS "AcceptSeconds", introduce_seconds AS "IntroduceSeconds", succeed_seconds AS "SucceedSeconds"
            FROM (SELECT g.*, row_number() OVER (PARTITION BY dimension ORDER BY requested DESC, succeeded DESC, key) AS rank FROM grouped AS g) AS ranked
            WHERE dimension <> {(int)SourceDimension.Employee} OR rank <= {top}
            """, cancellationToken);
        return [.. rows.Select(r => new SourceRow((SourceDimension)r.Dimension, r.Key, new FunnelCounts(
            r.Requested, r.Accepted, r.Introduced, r.Succeeded, Duration(r.AcceptSeconds), Duration(r.IntroduceSeconds), Duration(r.SucceedSeconds))))];
    }

    /// <summary>Won sales leads by the contact's meeting channel, one row per currency: amounts are never added across currencies.</summary>
    public async Task<IReadOnlyList<WonAmount>> WonAmountsAsync(ReportFilter filter, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Purpose is { } purpose && purpose != IntroductionPurpose.SalesLead)
        {
            return [];
        }

        var sql = new ReportSql(db, tenantContext.Tenant!, filter.Period, scope);
        var rows = await sql.ListAsync<WonRecord>(db, $"""
            SELECT coalesce(r.contact_channel, {(int)MeetingChannel.Other}) AS "Channel", r.won_currency AS "Currency",
                   count(*)::int AS "Won", sum(r.won_amount) AS "Amount"
            FROM introduction_requests AS r
            WHERE {Introductions(sql, filter)} AND r.outcome = {(int)IntroductionOutcome.Won} AND r.won_currency IS NOT NULL
            GROUP BY 1, 2
            ORDER BY 2, 4 DESC, 1
            """, cancellationToken);
        return [.. rows.Select(r => new WonAmount((MeetingChannel)r.Channel, r.Currency, r.Won, r.Amount))];
    }

    /// <summary>Referral introductions and hires by the contact's meeting channel and by open position.</summary>
    public async Task<IReadOnlyList<HireRow>> HiresAsync(ReportFilter filter, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Purpose is { } purpose && purpose != IntroductionPurpose.ReferralHire)
        {
            return [];
        }

        var sql = new ReportSql(db, tenantContext.Tenant!, filter.Period, scope);
        var top = sql.Add(TopPositions);
        var rows = await sql.ListAsync<HireRecord>(db, $"""
            WITH grouped AS (
                SELECT CASE WHEN grouping(channel) = 0 THEN 0 ELSE 1 END AS dimension,
                       CASE WHEN grouping(channel) = 0 THEN channel::text ELSE position_id::text END AS key, title,
                       count(*)::int AS referrals, count(*) FILTER (WHERE outcome = {(int)IntroductionOutcome.Hired})::int AS hires
                FROM (SELECT coalesce(r.contact_channel, {(int)MeetingChannel.Other}) AS channel, a.id AS position_id, a.title, r.outcome
                      FROM introduction_requests AS r
                      LEFT JOIN asks AS a ON a.tenant_id = r.tenant_id AND a.id = r.ask_id AND a.is_position
                      WHERE {Introductions(sql, filter)} AND r.purpose = {(int)IntroductionPurpose.ReferralHire}) AS f
                GROUP BY GROUPING SETS ((channel), (position_id, title))
            )
            SELECT dimension AS "Dimension", key AS "Key", title AS "Position", referrals AS "Referrals", hires AS "Hires"
            FROM (SELECT g.*, row_number() OVER (PARTITION BY dimension ORDER BY hires DESC, referrals DESC, key) AS rank FROM grouped AS g) AS ranked
            WHERE dimension = 0 OR rank <= {top}
            ORDER BY dimension, hires DESC, referrals DESC, key
            """, cancellationToken);
        return [.. rows.Select(r => new HireRow((HireDimension)r.Dimension, r.Key, r.Position, r.Referrals, r.Hires))];
    }

    /// <summary>The introductions a report counts: requested in the period, by a connector in scope, of the chosen purpose.</summary>
    private static string Introductions(ReportSql sql, ReportFilter filter)
    {
        var where = $"r.tenant_id = {sql.Tenant} AND {sql.During("r.created_at")}{sql.InScope("r.connector_id")}";
        return filter.Purpose is { } purpose ? where + $" AND r.purpose = {sql.Add((int)purpose)}" : where;
    }

    private static TimeSpan? Duration(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(Math.Round(s)) : null;

    /// <summary>The first day of each month of a <see cref="SourceDimension.Month"/> row.</summary>
    public static DateOnly MonthOf(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return DateOnly.ParseExact(row.Key!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private sealed record BreakdownRecord(
        int Dimension, string? Key, int Requested, int Accepted, int Introduced, int Succeeded,
        double? AcceptSeconds, double? IntroduceSeconds, double? SucceedSeconds);

    private sealed record WonRecord(int Channel, string Currency, int Won, decimal Amount);

    private sealed record HireRecord(int Dimension, string? Key, string? Position, int Referrals, int Hires);
}

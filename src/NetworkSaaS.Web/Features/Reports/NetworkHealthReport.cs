using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Web.Features.Reports;

public enum HealthDimension
{
    Employee = 0,
    Department = 1,
    Total = 2,
    Month = 3,
}

/// <summary>
/// Contacts added and interactions logged in the period, and touches due or overdue today (next touch on or before
/// today, as the contact list's "overdue" filter counts them), for one colleague, one department, one month (whose
/// <see cref="Overdue"/> is 0: it is counted for today only) or the whole scope.
/// </summary>
public sealed record HealthRow(HealthDimension Dimension, string? Key, int ContactsAdded, int Interactions, int Overdue);

/// <summary>
/// Is the network kept alive: contacts added and interactions logged (by month, by department, by colleague), touches
/// overdue, and how well the companies the scope knows best are covered (<see cref="AccountCoverage"/>). Contacts count
/// for their owner, interactions for whoever logged them. Aggregated in PostgreSQL; no contact row is read into memory.
/// </summary>
public sealed class NetworkHealthReport(AppDbContext db, ITenantContextAccessor tenantContext, AccountCoverage coverage)
{
    public const int TopEmployees = 25;
    public const int TopCompanies = 10;

    /// <summary>
    /// The scope's total, each month's, each department's and the most active colleagues' (<see cref="TopEmployees"/>)
    /// in one statement: the period's contacts and interactions are each read once, counted per colleague and month,
    /// and those counts are summed by GROUPING SETS.
    /// </summary>
    public async Task<IReadOnlyList<HealthRow>> ActivityAsync(ReportPeriod period, ReportScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sql = new ReportSql(db, tenantContext.Tenant!, period, scope);
        var day = sql.Add(today);
        var top = sql.Add(TopEmployees);
        var rows = await sql.ListAsync<ActivityRecord>(db, $"""
            WITH added AS (
                SELECT c.owner_id AS person, {sql.LocalMonth("c.created_at")} AS month, count(*) AS n
                FROM contacts AS c
                WHERE c.tenant_id = {sql.Tenant} AND {sql.During("c.created_at")}{sql.InScope("c.owner_id")}
                GROUP BY 1, 2
            ), logged AS (
                SELECT i.created_by_user_id AS person, date_trunc('month', i.occurred_on::timestamp)::date AS month, count(*) AS n
                FROM interactions AS i
                WHERE i.tenant_id = {sql.Tenant} AND {sql.OnDays("i.occurred_on")}{sql.InScope("i.created_by_user_id")}
                GROUP BY 1, 2
            ), overdue AS (
                SELECT c.owner_id AS person, count(*) AS n
                FROM contacts AS c
                WHERE c.tenant_id = {sql.Tenant} AND c.next_touch_on <= {day}{sql.InScope("c.owner_id")}
                  AND EXISTS (SELECT 1 FROM users AS holder WHERE holder.tenant_id = c.tenant_id AND holder.id = c.owner_id AND holder.is_active)
                GROUP BY 1
            ), activity AS (
                SELECT person, month, n AS added, 0::bigint AS logged, 0::bigint AS overdue FROM added
                UNION ALL
                SELECT person, month, 0, n, 0 FROM logged
                UNION ALL
                SELECT person, NULL, 0, 0, n FROM overdue
            ), grouped AS (
                SELECT CASE WHEN grouping(a.person) = 0 THEN 0 WHEN grouping(u.department_id) = 0 THEN 1 WHEN grouping(a.month) = 0 THEN 3 ELSE 2 END AS dimension,
                       CASE WHEN grouping(a.person) = 0 THEN a.person::text WHEN grouping(u.department_id) = 0 THEN u.department_id::text
                            ELSE to_char(a.month, 'YYYY-MM-DD') END AS key,
                       -- With nothing in scope the grand total is still one row, its sums NULL.
                       coalesce(sum(a.added), 0)::int AS added, coalesce(sum(a.logged), 0)::int AS logged, coalesce(sum(a.overdue), 0)::int AS overdue
                FROM activity AS a
                JOIN users AS u ON u.tenant_id = {sql.Tenant} AND u.id = a.person
                GROUP BY GROUPING SETS ((a.person), (u.department_id), (a.month), ())
            )
            SELECT dimension AS "Dimension", key AS "Key", added AS "ContactsAdded", logged AS "Interactions", overdue AS "Overdue"
            FROM (SELECT g.*, row_number() OVER (PARTITION BY dimension ORDER BY added + logged DESC, overdue DESC, key) AS rank FROM grouped AS g) AS ranked
            WHERE (dimension <> {(int)HealthDimension.Employee} OR rank <= {top}) AND NOT (dimension = {(int)HealthDimension.Month} AND key IS NULL)
            ORDER BY dimension, added + logged DESC, overdue DESC, key
            """, cancellationToken);
        return [.. rows.Select(r => new HealthRow((HealthDimension)r.Dimension, r.Key, r.ContactsAdded, r.Interactions, r.Overdue))];
    }

    /// <summary>The first day of the month of a <see cref="HealthDimension.Month"/> row.</summary>
    public static DateOnly MonthOf(HealthRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return DateOnly.ParseExact(row.Key!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Coverage of the companies where the scope holds the most relationships colleagues may know of (Shared and
    /// Discoverable contacts: a company known only through Private contacts never shows), most first. Only what active
/// colleagues hold counts: a leaver's contacts not handed over yet are nobody's (as overdue touches today).
    /// </summary>
    public async Task<IReadOnlyList<Coverage>> TopCompaniesAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sql = new ReportSql(db, tenantContext.Tenant!, period, scope);
        var top = sql.Add(TopCompanies);
        var companies = await sql.ListAsync<Guid>(db, $"""
            SELECT c.organization_id AS "Value"
            FROM contacts AS c
            WHERE c.tenant_id = {sql.Tenant} AND c.organization_id IS NOT NULL AND c.visibility <> {(int)ContactVisibility.Private}{sql.InScope("c.owner_id")}
              AND EXISTS (SELECT 1 FROM users AS holder WHERE holder.tenant_id = c.tenant_id AND holder.id = c.owner_id AND holder.is_active)
            GROUP BY c.organization_id
            ORDER BY count(*) DESC, c.organization_id
            LIMIT {top}
            """, cancellationToken);
        return await coverage.ForAsync(companies, cancellationToken);
    }

    private sealed record ActivityRecord(int Dimension, string? Key, int ContactsAdded, int Interactions, int Overdue);
}

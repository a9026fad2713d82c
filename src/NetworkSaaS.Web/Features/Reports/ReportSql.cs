using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using Npgsql;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>
/// The parameters of one report statement and the conditions every report shares: the tenant (repeated beside
/// row-level security so that the (tenant_id, …) indexes apply), the period in the company's time zone, and the scope.
/// </summary>
internal sealed class ReportSql
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public ReportSql(AppDbContext db, ITenantInfo tenant, ReportPeriod period, ReportScope scope)
    {
        Tenant = Add(db.CurrentTenantId);
        Zone = Add(tenant.TimeZoneId);
        From = Add(period.Start);
        To = Add(period.End);
        Scope = scope;
        Members = scope.WholeCompany ? null : Add(scope.Members);
    }

    public string Tenant { get; }

    /// <summary>The company's IANA time zone: the period's days start at local midnight.</summary>
    public string Zone { get; }

    public string From { get; }
    public string To { get; }
    public ReportScope Scope { get; }
    private string? Members { get; }

    /// <summary>A timestamp column inside the period's local days.</summary>
    public string During(string column) =>
        $"{column} >= ({From}::timestamp AT TIME ZONE {Zone}) AND {column} < ({To}::timestamp AT TIME ZONE {Zone})";

    /// <summary>A date column inside the period.</summary>
    public string OnDays(string column) => $"{column} >= {From} AND {column} < {To}";

    /// <summary>" AND the person column is in scope", or nothing for the whole company.</summary>
    public string InScope(string personColumn) => Members is null ? "" : $" AND {personColumn} = ANY({Members})";

    /// <summary>The first day of the local month of a timestamp column.</summary>
    public string LocalMonth(string column) => $"date_trunc('month', {column} AT TIME ZONE {Zone})::date";

    public string Add<T>(T value)
    {
        var name = "r" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new NpgsqlParameter<T>(name, value));
        return "@" + name;
    }

    /// <summary>Runs one statement; each gets its own copies of the parameters (a parameter belongs to one command).</summary>
    public Task<List<T>> ListAsync<T>(AppDbContext db, string sql, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<T>(sql, [.. _parameters.Select(p => p.Clone())]).ToListAsync(cancellationToken);
}

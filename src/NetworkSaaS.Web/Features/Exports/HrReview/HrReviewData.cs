using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Exports.HrReview;

/// <summary>An evaluation period: days in the company's time zone, both included, and the UTC instants [Start, End) they cover.</summary>
public sealed record HrReviewPeriod(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End, TimeZoneInfo Zone)
{
    public static HrReviewPeriod For(ITenantInfo tenant, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return new HrReviewPeriod(from, to, StartOf(from, zone), StartOf(to.AddDays(1), zone), zone);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool Contains(DateTimeOffset? instant) => instant is { } value && Contains(value);

    /// <summary>The company's calendar day of an instant.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Local midnight of <paramref name="day"/> as an instant (the first valid local time where midnight does not exist).</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

public sealed record HrEmployee(Guid Id, string Name, string? Email, string? Department, string? Title);

/// <summary>One employee's figures for the period (see <see cref="HrReviewLabels.Definition"/> for what each counts).</summary>
public sealed class HrFigures
{
    public int ContactsAdded { get; set; }
    public int Interactions { get; set; }
    public int AsConnector { get; set; }
    public int AsRequester { get; set; }
    public int Accepted { get; set; }
    public int Declined { get; set; }
    public int IntroductionsMade { get; set; }
    public int LeadsWon { get; set; }
    public int ReferralHires { get; set; }
    public int AdvisorEngagements { get; set; }
    public double? MedianResponseHours { get; set; }
    public Dictionary<string, decimal> WonAmounts { get; } = new(StringComparer.Ordinal);
}

public sealed record HrReviewRow(HrEmployee Employee, HrFigures Figures);

public enum IntroductionSide
{
    Requester,
    Connector,
}

/// <summary>
/// One introduction an employee took part in, as the detail sheet shows it: the purpose, the two colleagues, the
/// company (never the person or their contact details), the ask it answered, its steps and outcome.
/// </summary>
public sealed record HrIntroductionRow(
    Guid EmployeeId, string Employee, IntroductionSide Side, string Colleague, IntroductionPurpose Purpose, string? Company, string? Ask,
    DateOnly RequestedOn, IntroductionState State, DateOnly? RespondedOn, double? ResponseHours, DateOnly? IntroducedOn,
    IntroductionOutcome Outcome, DateOnly? OutcomeOn, decimal? WonAmount, string? Currency, DateOnly? HireStartOn);

public sealed record HrReviewData(
    HrReviewPeriod Period, string? DepartmentName, IReadOnlyList<HrReviewRow> Rows, IReadOnlyList<HrIntroductionRow> Introductions,
    IReadOnlyList<string> Currencies);

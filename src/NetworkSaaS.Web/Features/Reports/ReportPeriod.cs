using System.Globalization;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Web.Features.Reports;

public enum PeriodKind
{
    Month,
    Quarter,
    FiscalYear,
}

/// <summary>
/// The stretch of time a report covers, in the company's calendar: a month, a fiscal quarter or a fiscal year. A fiscal
/// year is named by the calendar year it starts in (2026年度 = April 2026 – March 2027 when it starts in April); its
/// quarters count from its first month. In the URL: <c>2026-05</c>, <c>FY2026-Q1</c>, <c>FY2026</c>.
/// </summary>
public sealed partial record ReportPeriod(PeriodKind Kind, DateOnly Start, int FiscalYear, int Quarter)
{
    private const int MinYear = 2000;
    private const int MaxYear = 2100;

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Start.AddMonths(Months);

    public int Months => Kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.Quarter => 3,
        _ => 12,
    };

    public string Token => Kind switch
    {
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"FY{FiscalYear}-Q{Quarter}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"FY{FiscalYear}"),
    };

    public static int FiscalYearOf(DateOnly day, int startMonth) => day.Month >= startMonth ? day.Year : day.Year - 1;

    public static ReportPeriod OfFiscalYear(int fiscalYear, int startMonth) =>
        new(PeriodKind.FiscalYear, new DateOnly(fiscalYear, startMonth, 1), fiscalYear, 0);

    public static ReportPeriod OfQuarter(int fiscalYear, int quarter, int startMonth) =>
        new(PeriodKind.Quarter, new DateOnly(fiscalYear, startMonth, 1).AddMonths(3 * (quarter - 1)), fiscalYear, quarter);

    public static ReportPeriod OfMonth(DateOnly day, int startMonth)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(PeriodKind.Month, first, FiscalYearOf(first, startMonth), QuarterOf(first, startMonth));
    }

    /// <summary>The fiscal quarter (1–4) a day falls in.</summary>
    public static int QuarterOf(DateOnly day, int startMonth) => (((day.Month - startMonth) + 12) % 12 / 3) + 1;

    /// <summary>The period a URL names, or null when it names none (the page then shows the current fiscal year).</summary>
    public static ReportPeriod? Parse(string? token, int startMonth)
    {
        var match = TokenPattern().Match(token?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            return null;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? OfMonth(new DateOnly(year, month, 1), startMonth) : null;
        }

        return match.Groups["quarter"].Success
            ? OfQuarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture), startMonth)
            : OfFiscalYear(year, startMonth);
    }

    /// <summary>
    /// What the period picker offers: this fiscal year and the two before, their quarters up to the current one, and the
    /// last 24 months (newest first); <paramref name="selected"/> is added when it is older.
    /// </summary>
    public static IReadOnlyList<ReportPeriod> Choices(DateOnly today, int startMonth, ReportPeriod selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var thisYear = FiscalYearOf(today, startMonth);
        var choices = new List<ReportPeriod>();
        for (var year = thisYear; year > thisYear - 3; year--)
        {
            choices.Add(OfFiscalYear(year, startMonth));
        }

        for (var year = thisYear; year > thisYear - 3; year--)
        {
            for (var quarter = 4; quarter >= 1; quarter--)
            {
                var period = OfQuarter(year, quarter, startMonth);
                if (period.Start <= today)
                {
                    choices.Add(period);
                }
            }
        }

        for (var month = 0; month < 24; month++)
        {
            choices.Add(OfMonth(today.AddMonths(-month), startMonth));
        }

        if (!choices.Contains(selected))
        {
            choices.Add(selected);
        }

        return choices;
    }

    [GeneratedRegex(@"^(?:(?<year>\d{4})-(?<month>\d{2})|FY(?<year>\d{4})(?:-Q(?<quarter>[1-4]))?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();
}

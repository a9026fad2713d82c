using System.Globalization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Reports;

/// <summary>Localized names and culture-formatted numbers of the reports (periods, steps, durations, rates, amounts).</summary>
public sealed class ReportLabels(IStringLocalizer<SharedResource> l)
{
    private static readonly HashSet<string> NoMinorUnit = ["JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF"];
    private static readonly HashSet<string> ThreeMinorDigits = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public string Period(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            PeriodKind.FiscalYear => l["FY{0} ({1} – {2})", period.FiscalYear, Month(period.Start), Month(period.End.AddMonths(-1))],
            PeriodKind.Quarter => l["FY{0} Q{1} ({2} – {3})", period.FiscalYear, period.Quarter, Month(period.Start), Month(period.End.AddMonths(-1))],
            _ => Month(period.Start),
        };
    }

    public static string Month(DateOnly month) => month.ToString("Y", Culture);

    public string Quarter(int fiscalYear, int quarter) => l["FY{0} Q{1}", fiscalYear, quarter];

    public string Interval(ReportInterval interval) => interval == ReportInterval.Quarter ? l["By quarter"] : l["By month"];

    /// <summary>The last step of the funnel: what success means for the purpose (all three when no purpose is chosen).</summary>
    public string Succeeded(IntroductionPurpose? purpose) => purpose switch
    {
        IntroductionPurpose.SalesLead => l["Won"],
        IntroductionPurpose.ReferralHire => l["Hired"],
        IntroductionPurpose.Advisor => l["Engaged as advisor"],
        _ => l["Won, hired or engaged"],
    };

    public string Duration(TimeSpan? duration) => duration switch
    {
        null => "–",
        { TotalDays: < 1 } d => l["{0} hours", d.TotalHours.ToString("N1", Culture)],
        { } d => l["{0} days", d.TotalDays.ToString("N1", Culture)],
    };

    /// <summary>A whole percentage, halves rounded up (5 of 8 is 63 %, not 62 %).</summary>
    public static string Rate(double? rate) => rate is { } r ? Math.Round(r, 2, MidpointRounding.AwayFromZero).ToString("P0", Culture) : "–";

    public static string Count(int count) => count.ToString("N0", Culture);

    /// <summary>An amount with the currency's usual decimals (none for JPY), grouped as the page's language writes numbers.</summary>
    public static string Amount(decimal amount, string currency) => amount.ToString("N" + MinorDigits(currency).ToString(CultureInfo.InvariantCulture), Culture);

    public static int MinorDigits(string currency) =>
        NoMinorUnit.Contains(currency) ? 0 : ThreeMinorDigits.Contains(currency) ? 3 : 2;

    public string Risk(CoverageRisk risk) => risk switch
    {
        CoverageRisk.SingleHolder => l["Single holder"],
        CoverageRisk.Concentrated => l["Concentrated"],
        _ => l["Spread"],
    };

    public string NoDepartment => l["No department"];
}

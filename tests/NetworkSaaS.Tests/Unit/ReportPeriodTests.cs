using System.Globalization;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Reports;

namespace NetworkSaaS.Tests.Unit;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("FY2026", 4, "2026-04-01", "2027-04-01")]
    [InlineData("fy2026", 4, "2026-04-01", "2027-04-01")]
    [InlineData("FY2026", 1, "2026-01-01", "2027-01-01")]
    [InlineData("FY2026", 10, "2026-10-01", "2027-10-01")]
    [InlineData("FY2026-Q1", 4, "2026-04-01", "2026-07-01")]
    [InlineData("FY2026-Q4", 4, "2027-01-01", "2027-04-01")]
    [InlineData("FY2026-Q4", 1, "2026-10-01", "2027-01-01")]
    [InlineData("FY2026-Q2", 11, "2027-02-01", "2027-05-01")]
    [InlineData("2026-03", 4, "2026-03-01", "2026-04-01")]
    [InlineData("2026-12", 4, "2026-12-01", "2027-01-01")]
    public void A_url_token_names_a_stretch_of_the_company_calendar(string token, int startMonth, string start, string end)
    {
        var period = ReportPeriod.Parse(token, startMonth)!;
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), period.End);
        Assert.Equal(token.ToUpperInvariant(), period.Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FY26")]
    [InlineData("FY2026-Q5")]
    [InlineData("FY2026-Q0")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("1999-04")]
    [InlineData("FY2101")]
    [InlineData("2026-04-01")]
    [InlineData("FY2026 ")]
    public void Anything_else_names_no_period(string? token)
    {
        // A trailing space is trimmed; the rest are not periods.
        var period = ReportPeriod.Parse(token, 4);
        Assert.True(token == "FY2026 " ? period == ReportPeriod.OfFiscalYear(2026, 4) : period is null, token);
    }

    [Theory]
    [InlineData("2026-03-31", 4, 2025, 4)]
    [InlineData("2026-04-01", 4, 2026, 1)]
    [InlineData("2026-06-30", 4, 2026, 1)]
    [InlineData("2026-07-01", 4, 2026, 2)]
    [InlineData("2027-01-15", 4, 2026, 4)]
    [InlineData("2026-01-01", 1, 2026, 1)]
    [InlineData("2026-12-31", 1, 2026, 4)]
    [InlineData("2026-09-30", 10, 2025, 4)]
    public void A_day_falls_in_one_fiscal_year_and_quarter(string day, int startMonth, int fiscalYear, int quarter)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        Assert.Equal(fiscalYear, ReportPeriod.FiscalYearOf(date, startMonth));
        Assert.Equal(quarter, ReportPeriod.QuarterOf(date, startMonth));
        var month = ReportPeriod.OfMonth(date, startMonth);
        Assert.True(ReportPeriod.OfQuarter(fiscalYear, quarter, startMonth).Start <= month.Start);
        Assert.True(month.End <= ReportPeriod.OfQuarter(fiscalYear, quarter, startMonth).End);
    }

    [Fact]
    public void The_picker_offers_three_fiscal_years_their_quarters_so_far_and_two_years_of_months()
    {
        var today = new DateOnly(2026, 9, 15);
        var selected = ReportPeriod.OfFiscalYear(2026, 4);
        var choices = ReportPeriod.Choices(today, 4, selected);
        Assert.Equal(["FY2026", "FY2025", "FY2024"], choices.Where(c => c.Kind == PeriodKind.FiscalYear).Select(c => c.Token));
        Assert.Equal(["FY2026-Q2", "FY2026-Q1", "FY2025-Q4", "FY2025-Q3"], choices.Where(c => c.Kind == PeriodKind.Quarter).Take(4).Select(c => c.Token));
        Assert.Equal(10, choices.Count(c => c.Kind == PeriodKind.Quarter));
        Assert.Equal(24, choices.Count(c => c.Kind == PeriodKind.Month));
        Assert.Equal("2026-09", choices.First(c => c.Kind == PeriodKind.Month).Token);

        var old = ReportPeriod.Parse("2019-05", 4)!;
        Assert.Contains(old, ReportPeriod.Choices(today, 4, old));
    }

    [Fact]
    public void A_filter_writes_only_what_differs_from_the_defaults_into_the_query()
    {
        var department = Guid.CreateVersion7();
        var period = ReportPeriod.Parse("FY2026-Q3", 4)!;
        Assert.Equal("?period=FY2026-Q3", new ReportFilter(period, null, null, ReportInterval.Month).Query());
        Assert.Equal($"?period=FY2026-Q3&department={department}&purpose=Advisor&interval=Quarter",
            new ReportFilter(period, department, IntroductionPurpose.Advisor, ReportInterval.Quarter).Query());
    }

    [Theory]
    [InlineData("en", 1234567.5, "JPY", "1,234,568")]
    [InlineData("en", 1234567.5, "USD", "1,234,567.50")]
    [InlineData("en", 1234.5, "KWD", "1,234.500")]
    [InlineData("ja", 2500000, "JPY", "2,500,000")]
    [InlineData("de", 1234567.5, "EUR", "1.234.567,50")]
    public void Amounts_have_the_currencys_decimals_and_the_languages_separators(string culture, double amount, string currency, string expected)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(expected, ReportLabels.Amount((decimal)amount, currency));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}

using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Web.Features.Admin;
using NetworkSaaS.Web.Features.Introductions.Reminders;

namespace NetworkSaaS.Tests.Unit;

/// <summary>Working days (Monday–Friday in the company's zone, less its holidays) and the admin's holiday list.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static WorkingCalendar Calendar(TimeZoneInfo zone, params string[] holidays) =>
        new(zone, holidays.Select(DateOnly.Parse).ToHashSet());

    private static DateTimeOffset Jst(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [InlineData(9, 14)]  // Friday → Wednesday
    [InlineData(10, 14)] // Saturday → Wednesday
    [InlineData(11, 14)] // Sunday → Wednesday
    [InlineData(12, 15)] // Monday → Thursday
    [InlineData(14, 19)] // Wednesday → Monday
    public void Three_working_days_skip_the_weekend_and_keep_the_local_time_of_day(int from, int due) =>
        Assert.Equal(Jst(1, due, 10), Calendar(Tokyo).AddWorkingDays(Jst(1, from, 10), 3));

    [Fact]
    public void The_day_is_the_companys_day_not_the_utc_one()
    {
        // Friday 08:00 in Tokyo is still Thursday 23:00 UTC: counted from Friday, due Wednesday 08:00 Tokyo.
        var due = Calendar(Tokyo).AddWorkingDays(new DateTimeOffset(2026, 1, 8, 23, 0, 0, TimeSpan.Zero), 3);
        Assert.Equal(Jst(1, 14, 8), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Company_holidays_are_not_working_days()
    {
        // 年末年始: Tuesday 29 December 2026 to Monday 4 January 2027 off.
        var calendar = Calendar(Tokyo, "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-04");
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.FromHours(9)), calendar.AddWorkingDays(Jst(12, 28, 10), 3));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public void A_due_time_in_the_hour_skipped_by_daylight_saving_time_moves_forward_by_the_gap_and_a_repeated_one_counts_once()
    {
        // A zone whose clocks go forward on Wednesday 4 March (02:00 → 03:00) and back on Thursday 1 October (03:00 → 02:00).
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 4),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 1));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Weekday-DST", TimeSpan.Zero, "Test", "Test", "Test DST", [rule]);
        var calendar = Calendar(zone);

        // Friday 27 February 02:30 + 3 working days = Wednesday 4 March 02:30, which does not exist: 03:30 summer time.
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 2, 30, 0, TimeSpan.Zero), calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 27, 2, 30, 0, TimeSpan.Zero), 3));

        // Monday 28 September 02:30 summer time + 3 = Thursday 1 October 02:30, which happens twice: the first time.
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 1, 30, 0, TimeSpan.Zero),
            calendar.AddWorkingDays(new DateTimeOffset(2026, 9, 28, 2, 30, 0, TimeSpan.FromHours(1)), 3));
    }

    [Fact]
    public void The_holiday_list_reads_dates_with_optional_names_full_width_digits_and_reports_bad_lines()
    {
        var parsed = CompanyHolidayList.Parse("２０２６－１２－２９　年末年始\r\n\r\n2026-12-30\n2026-12-29 again\n12/31\n2027-01-01 " + new string('x', 101));
        Assert.Equal(
            [new KeyValuePair<DateOnly, string?>(new DateOnly(2026, 12, 29), "年末年始"), new(new DateOnly(2026, 12, 30), null)],
            parsed.Days);
        Assert.Equal([(5, CompanyHolidayList.Problem.NotADate), (6, CompanyHolidayList.Problem.NameTooLong)], parsed.Problems);
        Assert.Equal("2026-12-29 年末年始\n2026-12-30",
            CompanyHolidayList.Format([new CompanyHoliday { Day = new DateOnly(2026, 12, 29), Name = "年末年始" }, new CompanyHoliday { Day = new DateOnly(2026, 12, 30) }]));
    }
}

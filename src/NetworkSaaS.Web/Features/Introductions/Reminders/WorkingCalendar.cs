namespace NetworkSaaS.Web.Features.Introductions.Reminders;

/// <summary>
/// The company's working days: Monday to Friday in its time zone, except the holidays its admin listed.
/// National holidays are not built in (which ones a company observes differs); admins add them with the rest.
/// </summary>
public sealed class WorkingCalendar(TimeZoneInfo zone, IReadOnlySet<DateOnly> holidays)
{
    public TimeZoneInfo Zone { get; } = zone;

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>
    /// The same local time of day, <paramref name="days"/> working days later: a request sent on Friday 10:00 with 3
    /// working days falls due on Wednesday 10:00, one sent on Saturday too. A local time that does not exist that day
    /// (skipped when daylight saving time starts) moves forward by the length of the gap (01:30 becomes 02:30 in London);
    /// one that occurs twice counts at its first occurrence.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return ToInstant(day.ToDateTime(TimeOnly.FromDateTime(local)));
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        var offset = Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddDays(-1))
            : Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

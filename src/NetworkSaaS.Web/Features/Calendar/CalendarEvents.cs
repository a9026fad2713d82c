namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// One event of a feed. All-day events have <see cref="Day"/> and <see cref="LastDay"/> (inclusive); timed ones
/// <see cref="At"/> (UTC). <see cref="Uid"/> is stable: the same item always has the same UID, so a calendar updates it
/// instead of adding a copy.
/// </summary>
public sealed record CalendarEvent(string Uid, string Summary, string Description, string Url, DateOnly? Day = null, DateOnly? LastDay = null, DateTimeOffset? At = null);

/// <summary>Writes a feed as an RFC 5545 VCALENDAR.</summary>
public static class CalendarWriter
{
    /// <summary>How long a timed event (an introduction deadline) lasts in the calendar.</summary>
    public static readonly TimeSpan DeadlineLength = TimeSpan.FromMinutes(30);

    public static string Write(string calendarName, string domain, DateTimeOffset now, IEnumerable<CalendarEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new ICalendarText();
        text.Line("BEGIN", "VCALENDAR");
        text.Line("VERSION", "2.0");
        text.Line("PRODID", "-//NetworkSaaS//Calendar feed//EN");
        text.Line("CALSCALE", "GREGORIAN");
        text.Line("METHOD", "PUBLISH");
        text.Text("X-WR-CALNAME", calendarName);
        // Polling hints for Outlook and Apple Calendar (Google decides on its own, about every 8–24 hours).
        text.Line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        text.Line("X-PUBLISHED-TTL", "PT1H");
        var stamp = ICalendarText.UtcTime(now);
        foreach (var e in events)
        {
            text.Line("BEGIN", "VEVENT");
            text.Line("UID", $"{e.Uid}@{domain}");
            text.Line("DTSTAMP", stamp);
            if (e.At is { } at)
            {
                text.Line("DTSTART", ICalendarText.UtcTime(at));
                text.Line("DTEND", ICalendarText.UtcTime(at + DeadlineLength));
            }
            else
            {
                var first = e.Day!.Value;
                text.Line("DTSTART;VALUE=DATE", ICalendarText.Date(first));
                text.Line("DTEND;VALUE=DATE", ICalendarText.Date((e.LastDay ?? first).AddDays(1)));
                text.Line("TRANSP", "TRANSPARENT");
            }

            text.Text("SUMMARY", e.Summary);
            text.Text("DESCRIPTION", e.Description + "\n" + e.Url);
            text.Line("URL", e.Url);
            text.Line("END", "VEVENT");
        }

        text.Line("END", "VCALENDAR");
        return text.ToString();
    }
}

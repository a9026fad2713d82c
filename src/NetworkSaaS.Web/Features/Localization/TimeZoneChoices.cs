using Microsoft.AspNetCore.Mvc.Rendering;

namespace NetworkSaaS.Web.Features.Localization;

/// <summary>IANA time zones offered to companies, most common first.</summary>
public static class TimeZoneChoices
{
    private static readonly string[] Common = ["Asia/Tokyo", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Singapore", "Asia/Shanghai", "Asia/Seoul", "Australia/Sydney", "Europe/Berlin", "UTC"];

    private static readonly Lazy<string[]> AllIds = new(() =>
        [.. Common.Concat(TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal)).Distinct()]);

    public static bool IsKnown(string? id) => id is not null && AllIds.Value.Contains(id, StringComparer.Ordinal);

    public static IEnumerable<SelectListItem> Items(string? selected) =>
        AllIds.Value.Select(id => new SelectListItem(id.Replace('_', ' '), id, id == selected));
}

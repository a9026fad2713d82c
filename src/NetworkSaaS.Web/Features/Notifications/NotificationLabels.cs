using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>Localized names of the notification settings' choices.</summary>
public sealed class NotificationLabels(IStringLocalizer<SharedResource> l)
{
    public static IReadOnlyList<DayOfWeek> WeekFromMonday { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string Frequency(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => l["Daily"],
        DigestFrequency.Weekly => l["Weekly"],
        _ => l["Off"],
    };

    public string Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => l["Monday"],
        DayOfWeek.Tuesday => l["Tuesday"],
        DayOfWeek.Wednesday => l["Wednesday"],
        DayOfWeek.Thursday => l["Thursday"],
        DayOfWeek.Friday => l["Friday"],
        DayOfWeek.Saturday => l["Saturday"],
        _ => l["Sunday"],
    };

    public string Topic(EmailTopic topic) => topic switch
    {
        EmailTopic.StayInTouchDigest => l["the stay-in-touch digest"],
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, null),
    };
}

using NetworkSaaS.Core.Features.Notifications;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>Where a notification leads, in the portal and in its email.</summary>
public static class NotificationLinks
{
    /// <summary>The path of the notification's item: its introduction, its ask, the overdue contacts of a digest, else the notifications.</summary>
    public static string PathOf(string slug, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification switch
        {
            { IntroductionId: { } introduction } => $"/{slug}/introductions/{introduction}",
            { AskId: { } ask } => $"/{slug}/asks/{ask}",
            { Kind: NotificationKinds.StayInTouchDigest } => $"/{slug}/contacts?overdue=true",
            _ => $"/{slug}/notifications",
        };
    }

    public static string SettingsPath(string slug) => $"/{slug}/notifications/settings";
}

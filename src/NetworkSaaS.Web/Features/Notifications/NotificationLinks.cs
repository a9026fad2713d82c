using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Campaigns;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>Where a notification leads, in the portal and in its email (a path under the tenant).</summary>
public static class NotificationLinks
{
    /// <summary>
    /// The path of the notification's item: its introduction, its ask, the overdue contacts of a digest, the page of a
    /// seasonal campaign, the exports page for an export, else the notifications.
    /// </summary>
    public static string PathOf(string slug, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification switch
        {
            { IntroductionId: { } introduction } => $"/{slug}/introductions/{introduction}",
            { AskId: { } ask } => $"/{slug}/asks/{ask}",
            { Kind: NotificationKinds.StayInTouchDigest } => $"/{slug}/contacts?overdue=true",
            { Kind: NotificationKinds.ExportReady or NotificationKinds.ExportFailed } => $"/{slug}/exports",
            { Kind: NotificationKinds.HandoverReceived } => $"/{slug}/account/handover",
            { Kind: NotificationKinds.CardContactLeft } => $"/{slug}/contacts/review",
            _ when SeasonalCalendar.CampaignOf(notification.Kind) is { } campaign => SeasonalCalendar.PathOf(slug, campaign),
            _ => $"/{slug}/notifications",
        };
    }

    public static string SettingsPath(string slug) => $"/{slug}/notifications/settings";
}

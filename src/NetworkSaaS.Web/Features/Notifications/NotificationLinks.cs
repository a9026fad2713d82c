using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Campaigns;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>Where a notification leads, as a path under the tenant (the portal's "open", and links in mails).</summary>
public static class NotificationLinks
{
    public static string PathOf(string slug, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification switch
        {
            { IntroductionId: { } introduction } => $"/{slug}/introductions/{introduction}",
            { AskId: { } ask } => $"/{slug}/asks/{ask}",
            { Kind: NotificationKinds.StayInTouchDigest } => $"/{slug}/contacts?overdue=true",
            _ when SeasonalCalendar.CampaignOf(notification.Kind) is { } campaign => SeasonalCalendar.PathOf(slug, campaign),
            _ => $"/{slug}/notifications",
        };
    }
}

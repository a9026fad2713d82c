using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>
/// One season of a campaign, in local dates of the company's time zone: the pages work from <see cref="Opens"/> to
/// <see cref="Closes"/>; users are notified once, from <see cref="NotifyFrom"/> at <see cref="SeasonalCalendar.NotifyHour"/>
/// until the end of <see cref="NotifyUntil"/> (a worker that was down, or a user who joins later, still gets it then).
/// </summary>
public sealed record CampaignSeason(SeasonalCampaign Campaign, int Season, DateOnly Opens, DateOnly NotifyFrom, DateOnly NotifyUntil, DateOnly Closes)
{
    public bool IsOpenOn(DateOnly day) => day >= Opens && day <= Closes;

    public bool IsNotificationDue(DateTime localNow)
    {
        var day = DateOnly.FromDateTime(localNow);
        return day >= NotifyFrom && day <= NotifyUntil && (day > NotifyFrom || localNow.Hour >= SeasonalCalendar.NotifyHour);
    }

    /// <summary>The same campaign a year earlier ("last season").</summary>
    public CampaignSeason Previous => SeasonalCalendar.Of(Campaign, Season - 1);
}

/// <summary>
/// When each campaign runs (local dates). 年賀状 for the New Year of year Y: open from 1 November (年賀はがき are on sale,
/// 喪中 notices start to arrive) to 3 February (寒中見舞い, sent instead to people in mourning, end the day before 立春);
/// notification on 15 November, early enough to order printed cards. 暑中見舞い: open 1 July – 31 August (残暑見舞い after
/// 立秋 included), notification 1 July. 異動: open 1 April – 31 May, notification 1 April, the day most transfers take effect.
/// </summary>
public static class SeasonalCalendar
{
    /// <summary>Local hour from which the first day's notification is sent (office hours, not midnight).</summary>
    public const int NotifyHour = 9;

    public static IReadOnlyList<SeasonalCampaign> All { get; } = [SeasonalCampaign.NewYear, SeasonalCampaign.Summer, SeasonalCampaign.TransferSeason];

    public static CampaignSeason Of(SeasonalCampaign campaign, int season) => campaign switch
    {
        SeasonalCampaign.NewYear => new(campaign, season, new(season - 1, 11, 1), new(season - 1, 11, 15), new(season - 1, 12, 25), new(season, 2, 3)),
        SeasonalCampaign.Summer => new(campaign, season, new(season, 7, 1), new(season, 7, 1), new(season, 7, 31), new(season, 8, 31)),
        _ => new(campaign, season, new(season, 4, 1), new(season, 4, 1), new(season, 4, 30), new(season, 5, 31)),
    };

    /// <summary>The season open on <paramref name="day"/>, else the next one to open.</summary>
    public static CampaignSeason CurrentOrNext(SeasonalCampaign campaign, DateOnly day)
    {
        var season = Of(campaign, day.Year);
        return day <= season.Closes ? season : Of(campaign, day.Year + 1);
    }

    /// <summary>The campaigns the company has turned on that are open on its local <paramref name="today"/>.</summary>
    public static IReadOnlyList<CampaignSeason> OpenFor(ITenantInfo tenant, DateOnly today) =>
        [.. All.Where(tenant.IsEnabled).Select(c => CurrentOrNext(c, today)).Where(s => s.IsOpenOn(today))];

    /// <summary>The enabled campaigns whose notification is due at the company's local time <paramref name="localNow"/>.</summary>
    public static IReadOnlyList<CampaignSeason> NotificationsDue(ITenantInfo tenant, DateTime localNow) =>
        [.. All.Where(tenant.IsEnabled).Select(c => CurrentOrNext(c, DateOnly.FromDateTime(localNow))).Where(s => s.IsNotificationDue(localNow))];

    /// <summary>The campaign a notification kind announces, if it is one of ours.</summary>
    public static SeasonalCampaign? CampaignOf(string notificationKind) => notificationKind switch
    {
        Core.Features.Notifications.NotificationKinds.NewYearGreetings => SeasonalCampaign.NewYear,
        Core.Features.Notifications.NotificationKinds.SummerGreetings => SeasonalCampaign.Summer,
        Core.Features.Notifications.NotificationKinds.TransferSeason => SeasonalCampaign.TransferSeason,
        _ => null,
    };

    public static string NotificationKindOf(SeasonalCampaign campaign) => campaign switch
    {
        SeasonalCampaign.NewYear => Core.Features.Notifications.NotificationKinds.NewYearGreetings,
        SeasonalCampaign.Summer => Core.Features.Notifications.NotificationKinds.SummerGreetings,
        _ => Core.Features.Notifications.NotificationKinds.TransferSeason,
    };

    /// <summary>The campaign's page, under the tenant's path.</summary>
    public static string PathOf(string slug, SeasonalCampaign campaign) => campaign switch
    {
        SeasonalCampaign.NewYear => $"/{slug}/campaigns/new-year",
        SeasonalCampaign.Summer => $"/{slug}/campaigns/summer",
        _ => $"/{slug}/campaigns/transfers",
    };
}

/// <summary>The model of the links to open campaigns (<c>_OpenCampaigns.cshtml</c>).</summary>
public sealed record OpenCampaigns(string Slug, IReadOnlyList<CampaignSeason> Seasons, string CssClass = "");

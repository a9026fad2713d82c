using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Localized notification texts (in the portal and, through <see cref="NotificationEmails"/>, in emails) and the names
/// of the notification settings' choices. A new notification kind needs only its text here to be shown and mailed.
/// </summary>
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
        EmailTopic.Introductions => l["notifications about introductions"],
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, null),
    };

    /// <summary>What a notification of <paramref name="kind"/> says, in the current UI culture.</summary>
    public string Notification(string kind) => kind switch
    {
        NotificationKinds.IntroductionRequested => l["A colleague asks you for an introduction."],
        NotificationKinds.IntroductionOffered => l["A colleague knows someone for your ask."],
        NotificationKinds.IntroductionAccepted => l["Your introduction request was accepted."],
        NotificationKinds.IntroductionDeclined => l["Your introduction request was declined."],
        NotificationKinds.IntroductionMade => l["The introduction was made: the contact's details are now visible to you."],
        NotificationKinds.IntroductionWithdrawn => l["An introduction request to you was withdrawn."],
        NotificationKinds.IntroductionClosed => l["Your introduction request was closed: the colleague left the company."],
        NotificationKinds.IntroductionOutcome => l["The outcome of an introduction you made was updated."],
        NotificationKinds.IntroductionMessage => l["New message on an introduction request."],
        NotificationKinds.IntroductionNudged => l["Reminder: a colleague is still waiting for your answer to an introduction request."],
        NotificationKinds.IntroductionConnectorReminded => l["Your introduction request has not been answered yet, so we reminded your colleague."],
        NotificationKinds.IntroductionEscalated => l["An unanswered introduction request was escalated to you."],
        NotificationKinds.IntroductionOutcomePrompt => l["Where did your introduction lead? Please record its outcome."],
        NotificationKinds.StayInTouchDigest => l["Stay in touch: some of your contacts are due for a touch."],
        NotificationKinds.NewYearGreetings => l["New Year cards (年賀状): your list for the coming New Year is ready. Check who to send to."],
        NotificationKinds.SummerGreetings => l["Summer greetings (暑中見舞い): your list for this summer is ready. Check who to send to."],
        NotificationKinds.TransferSeason => l["April transfer season (異動): confirm your contacts' companies, departments and titles."],
        NotificationKinds.ExportReady => l["Your export is ready to download."],
        NotificationKinds.ExportFailed => l["Your export could not be made. Request it again, or tell your administrator if it keeps failing."],
        NotificationKinds.HandoverReceived => l["A colleague who left handed relationships over to you: see the list."],
        NotificationKinds.CardContactLeft => l["Someone left their details on your business card: they are in your contacts to review."],
        _ => kind,
    };
}

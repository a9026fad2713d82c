using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Notifications;

/// <summary>An in-app notification. It carries ids and a stable kind code, never copied personal data.</summary>
public sealed class Notification : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public Guid? IntroductionId { get; set; }
    public Guid? AskId { get; set; }
    public Guid? ActorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>Stable notification kinds; the portal renders each one in the reader's language.</summary>
public static class NotificationKinds
{
    public const string IntroductionRequested = "introduction.requested";
    public const string IntroductionOffered = "introduction.offered";
    public const string IntroductionAccepted = "introduction.accepted";
    public const string IntroductionDeclined = "introduction.declined";
    public const string IntroductionMade = "introduction.made";
    public const string IntroductionWithdrawn = "introduction.withdrawn";
    public const string IntroductionClosed = "introduction.closed";
    public const string IntroductionOutcome = "introduction.outcome";
    public const string IntroductionMessage = "introduction.message";
    public const string IntroductionNudged = "introduction.nudged";
    public const string IntroductionConnectorReminded = "introduction.connector-reminded";
    public const string IntroductionEscalated = "introduction.escalated";
    public const string IntroductionOutcomePrompt = "introduction.outcome-prompt";
    public const string StayInTouchDigest = "stay-in-touch.digest";
    public const string NewYearGreetings = "campaign.new-year";
    public const string SummerGreetings = "campaign.summer";
    public const string TransferSeason = "campaign.transfer-season";
    public const string ExportReady = "export.ready";
    public const string ExportFailed = "export.failed";
    public const string HandoverReceived = "handover.received";
    public const string CardContactLeft = "card.contact-left";

    public static IReadOnlyList<string> All { get; } =
    [
        IntroductionRequested, IntroductionOffered, IntroductionAccepted, IntroductionDeclined, IntroductionMade,
        IntroductionWithdrawn, IntroductionClosed, IntroductionOutcome, IntroductionMessage, IntroductionNudged,
        IntroductionConnectorReminded, IntroductionEscalated, IntroductionOutcomePrompt, StayInTouchDigest,
        NewYearGreetings, SummerGreetings, TransferSeason, ExportReady, ExportFailed, HandoverReceived, CardContactLeft,
    ];

    /// <summary>Whether a kind is about an introduction (these emails follow the "Introductions by email" setting).</summary>
    public static bool IsIntroduction(string kind) => kind.StartsWith("introduction.", StringComparison.Ordinal);
}

/// <summary>Where a notification's email stands. Stored as a number: never renumber.</summary>
public enum NotificationEmailState
{
    Pending = 1,
    Sent = 2,

    /// <summary>Not sent on purpose: the recipient turned these emails off, was deactivated or has no address.</summary>
    Skipped = 3,

    /// <summary>Not sent within the give-up period (mail server down for a day); the in-app notification remains.</summary>
    Expired = 4,
}

/// <summary>
/// The email outbox: one row per notification that is also mailed, inserted in the same transaction as the
/// notification (so it exists exactly when the notification does) and sent after that commit under a row lock.
/// A separate table rather than columns on notifications, so the lock held while the mail server answers never
/// blocks a user marking the notification read.
/// </summary>
public sealed class NotificationEmail : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid NotificationId { get; set; }
    public NotificationEmailState State { get; set; } = NotificationEmailState.Pending;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was sent, skipped or given up.</summary>
    public DateTimeOffset? DoneAt { get; set; }
}

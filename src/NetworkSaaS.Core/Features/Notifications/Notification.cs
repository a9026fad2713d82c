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
    public const string StayInTouchDigest = "stay-in-touch.digest";
    public const string NewYearGreetings = "campaign.new-year";
    public const string SummerGreetings = "campaign.summer";
    public const string TransferSeason = "campaign.transfer-season";

    public static IReadOnlyList<string> All { get; } =
    [
        IntroductionRequested, IntroductionOffered, IntroductionAccepted, IntroductionDeclined, IntroductionMade,
        IntroductionWithdrawn, IntroductionClosed, IntroductionOutcome, IntroductionMessage, StayInTouchDigest,
        NewYearGreetings, SummerGreetings, TransferSeason,
    ];
}

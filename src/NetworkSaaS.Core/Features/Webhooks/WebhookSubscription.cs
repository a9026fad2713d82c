using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Webhooks;

/// <summary>An Admin's subscription of an https URL to some of the company's events, signed with its own secret.</summary>
public sealed class WebhookSubscription : ITenantOwned
{
    public const int DescriptionMaxLength = 200;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>The event types it receives (see WebhookEventTypes).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>The whsec_ signing secret, protected by the data-protection keys; shown in clear text once, when made.</summary>
    public required string ProtectedSecret { get; set; }

    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
}

/// <summary>The events a subscription can choose. Stable names: receivers switch on them.</summary>
public static class WebhookEventTypes
{
    public const string IntroductionRequested = "introduction.requested";
    public const string IntroductionAccepted = "introduction.accepted";
    public const string IntroductionDeclined = "introduction.declined";
    public const string IntroductionIntroduced = "introduction.introduced";
    public const string IntroductionOutcome = "introduction.outcome";
    public const string AskPosted = "ask.posted";
    public const string AskAnswered = "ask.answered";
    public const string ContactShared = "contact.shared";
    public const string ExportReady = "export.ready";
    public const string UserDeactivated = "user.deactivated";

    public static IReadOnlyList<string> All { get; } =
    [
        IntroductionRequested, IntroductionAccepted, IntroductionDeclined, IntroductionIntroduced, IntroductionOutcome,
        AskPosted, AskAnswered, ContactShared, ExportReady, UserDeactivated,
    ];
}

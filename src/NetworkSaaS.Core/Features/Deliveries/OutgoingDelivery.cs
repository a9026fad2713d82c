using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Deliveries;

/// <summary>Where an outgoing delivery stands. Stored as a number: never renumber.</summary>
public enum DeliveryState
{
    Pending = 1,
    Delivered = 2,

    /// <summary>Every attempt failed; an admin may resend it.</summary>
    Failed = 3,

    /// <summary>Not sent on purpose: its sender no longer wants it (a webhook subscription disabled or deleted meanwhile).</summary>
    Cancelled = 4,
}

/// <summary>
/// One HTTP POST to send outside the app (a webhook event, a chat message): the outbox row. Added in the same unit of
/// work as the change it reports, so it exists exactly when the change was committed, and sent afterwards by
/// DeliveryJob under a row lock, with retries and back-off. The body is stored as sent; headers that depend on the
/// moment of sending (signatures) are added by the delivery's channel at each attempt.
/// </summary>
public sealed class OutgoingDelivery : ITenantOwned
{
    public const int ChannelMaxLength = 32;
    public const int LabelMaxLength = 100;
    public const int TargetMaxLength = 2000;
    public const int ErrorMaxLength = 500;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>
    /// The message's identity for the receiver (webhook-id): the same for a resent copy, so a receiver can tell a
    /// message it already processed.
    /// </summary>
    public Guid MessageId { get; set; }

    /// <summary>Which sender made it ("webhook", "slack", …): the <c>IDeliveryChannel</c> that prepares each attempt.</summary>
    public required string Channel { get; set; }

    /// <summary>The sender's own row this delivery belongs to (a webhook subscription, a chat connection), if any.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>What it is, for the delivery log (an event type such as "introduction.accepted").</summary>
    public required string Label { get; set; }

    public required string Target { get; set; }
    public required string Body { get; set; }
    public string ContentType { get; set; } = "application/json";

    public DeliveryState State { get; set; } = DeliveryState.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt is due; null once it is delivered, failed or cancelled.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The HTTP status of the last attempt's response; null when no response came (refused, timed out, unreachable).</summary>
    public int? ResponseStatus { get; set; }

    public int? ResponseMilliseconds { get; set; }

    /// <summary>Why the last attempt failed, in the operator's words (never the response body).</summary>
    public string? Error { get; set; }
}

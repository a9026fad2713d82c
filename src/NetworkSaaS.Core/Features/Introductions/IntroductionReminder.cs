using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Introductions;

/// <summary>What an <see cref="IntroductionReminder"/> records. Stored as a number: never renumber.</summary>
public enum IntroductionReminderKind
{
    /// <summary>The connector was reminded of a request left unanswered, and the requester told.</summary>
    Nudge = 1,

    /// <summary>The requester escalated the unanswered request to the connector's manager(s).</summary>
    Escalation = 2,

    /// <summary>The requester was asked to update the outcome of an introduction.</summary>
    OutcomePrompt = 3,
}

/// <summary>
/// The idempotency record of one reminder: its primary key (tenant, request, kind, due key) admits one row per due
/// item, and it is inserted in the same transaction as the notifications it announces, so a retry, a second worker
/// or a double click can never send a reminder twice.
/// </summary>
public sealed class IntroductionReminder : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid RequestId { get; set; }
    public IntroductionReminderKind Kind { get; set; }

    /// <summary>
    /// The moment the waiting period started: the request's creation for a nudge or an escalation (one each per
    /// request), the introduction or the latest outcome update for an outcome prompt (a new update starts a new period).
    /// </summary>
    public DateTimeOffset DueKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who escalated; null for the reminders the system sends.</summary>
    public Guid? ActorId { get; set; }
}

using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Introductions;

/// <summary>
/// A requester asks a connector to introduce them to one of the connector's contacts, or to anyone the connector
/// knows at an organization (the connector then chooses the contact when accepting).
/// </summary>
public sealed class IntroductionRequest : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequesterId { get; set; }
    public Guid ConnectorId { get; set; }

    /// <summary>The connector's contact; null for "anyone you know at X" until accepted, or after the contact was deleted.</summary>
    public Guid? ContactId { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>
    /// Who the contact is, across colleagues' records of the same person (a hash of email or phone, see
    /// IntroductionPersonKey); a partial unique index keeps one pending request per requester and person.
    /// </summary>
    public string? PersonKey { get; set; }

    /// <summary>"Title at company" as the requester was allowed to see it when asking; the timeline still reads after a deletion.</summary>
    public string TargetSummary { get; set; } = "";

    /// <summary>How the connector met the contact, kept for the source reports even if the contact is deleted later.</summary>
    public MeetingChannel? ContactChannel { get; set; }

    public Guid? AskId { get; set; }
    public IntroductionPurpose Purpose { get; set; }
    public string Reason { get; set; } = "";
    public IntroductionState State { get; set; } = IntroductionState.Requested;

    /// <summary>Seen only by the requester and the connector.</summary>
    public string? DeclineReason { get; set; }

    /// <summary>The day the external person agreed to be introduced, as the connector confirmed it.</summary>
    public DateOnly? ConsentOn { get; set; }

    public IntroductionOutcome Outcome { get; set; }
    public decimal? WonAmount { get; set; }
    public string? WonCurrency { get; set; }
    public DateOnly? HireStartOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? IntroducedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? OutcomeUpdatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version: two people acting on the same request at once cannot both win.</summary>
    public uint Version { get; set; }

    public bool IsOpen => State is IntroductionState.Requested or IntroductionState.Accepted;
}

/// <summary>One step on a request's timeline: a state change, an outcome, or a message between the two colleagues.</summary>
public sealed class IntroductionEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public IntroductionEventKind Kind { get; set; }
    public IntroductionState State { get; set; }
    public IntroductionOutcome Outcome { get; set; }
    public string? Text { get; set; }
}

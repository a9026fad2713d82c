namespace NetworkSaaS.Core.Features.Introductions;

/// <summary>Why a colleague asks for an introduction; also the kind of an ask on the asks board.</summary>
public enum IntroductionPurpose
{
    SalesLead = 1,
    ReferralHire = 2,
    Advisor = 3,
}

/// <summary>
/// The double opt-in: the connector accepts, then confirms that the external person agreed; only then is the
/// introduction made and the contact's details revealed to the requester.
/// </summary>
public enum IntroductionState
{
    Requested = 1,
    Accepted = 2,
    Introduced = 3,
    Declined = 4,
    Withdrawn = 5,

    /// <summary>Closed by the system: the connector was deactivated while the request was pending.</summary>
    ConnectorInactive = 6,
}

/// <summary>Where an introduction led, per purpose. The requester records it; stages only move forward.</summary>
public enum IntroductionOutcome
{
    None = 0,

    Meeting = 10,
    Opportunity = 11,
    Won = 12,
    Lost = 13,

    Applied = 20,
    Interviewing = 21,
    Offer = 22,
    Hired = 23,
    NotHired = 24,

    Engaged = 30,
    NotEngaged = 31,
}

public enum IntroductionEventKind
{
    Requested = 1,

    /// <summary>The connector offered one of their contacts in answer to an ask: requested and accepted at once.</summary>
    Offered = 2,
    Accepted = 3,
    Declined = 4,
    ConsentConfirmed = 5,
    Withdrawn = 6,
    ClosedConnectorInactive = 7,
    OutcomeRecorded = 8,
    Message = 9,

    /// <summary>The system reminded the connector of the unanswered request.</summary>
    ConnectorReminded = 10,

    /// <summary>The requester escalated the unanswered request to the connector's manager(s).</summary>
    Escalated = 11,
}

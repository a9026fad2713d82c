using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>Localized names of the introduction vocabulary: purposes, states, outcomes, timeline steps, refusals.</summary>
public sealed class IntroductionLabels(IStringLocalizer<SharedResource> l)
{
    public string Purpose(IntroductionPurpose purpose) => purpose switch
    {
        IntroductionPurpose.SalesLead => l["Sales lead"],
        IntroductionPurpose.ReferralHire => l["Referral hire"],
        _ => l["Advisor or mentor"],
    };

    public string State(IntroductionState state) => state switch
    {
        IntroductionState.Requested => l["Waiting for the connector"],
        IntroductionState.Accepted => l["Accepted, waiting for the person's consent"],
        IntroductionState.Introduced => l["Introduced"],
        IntroductionState.Declined => l["Declined"],
        IntroductionState.Withdrawn => l["Withdrawn"],
        _ => l["Closed: the connector left the company"],
    };

    public string Outcome(IntroductionOutcome outcome) => outcome switch
    {
        IntroductionOutcome.Meeting => l["Meeting held"],
        IntroductionOutcome.Opportunity => l["Opportunity"],
        IntroductionOutcome.Won => l["Won"],
        IntroductionOutcome.Lost => l["Lost"],
        IntroductionOutcome.Applied => l["Applied"],
        IntroductionOutcome.Interviewing => l["Interviewing"],
        IntroductionOutcome.Offer => l["Offer made"],
        IntroductionOutcome.Hired => l["Hired"],
        IntroductionOutcome.NotHired => l["Not hired"],
        IntroductionOutcome.Engaged => l["Engaged as advisor"],
        IntroductionOutcome.NotEngaged => l["Not engaged"],
        _ => l["No outcome yet"],
    };

    public string Event(IntroductionEventKind kind) => kind switch
    {
        IntroductionEventKind.Requested => l["Asked for the introduction"],
        IntroductionEventKind.Offered => l["Offered an introduction in answer to the ask"],
        IntroductionEventKind.Accepted => l["Accepted"],
        IntroductionEventKind.Declined => l["Declined"],
        IntroductionEventKind.ConsentConfirmed => l["Confirmed the person agreed; introduction made"],
        IntroductionEventKind.Withdrawn => l["Withdrew the request"],
        IntroductionEventKind.ClosedConnectorInactive => l["Closed: the connector left the company"],
        IntroductionEventKind.OutcomeRecorded => l["Recorded the outcome"],
        IntroductionEventKind.ConnectorReminded => l["Reminded the connector of the unanswered request"],
        IntroductionEventKind.Escalated => l["Escalated the unanswered request to the connector's manager"],
        _ => l["Message"],
    };

    public string Problem(IntroductionProblem problem) => problem switch
    {
        IntroductionProblem.ContactNotAvailable => l["This person is not available for introductions."],
        IntroductionProblem.OwnContact => l["This is your own contact: you can reach them directly."],
        IntroductionProblem.ConnectorInactive => l["Your colleague no longer works here, so they cannot introduce you."],
        IntroductionProblem.DeclinedRecently => l["Your colleague declined this request less than 30 days ago. Ask again with a new reason."],
        IntroductionProblem.ReasonRequired => l["Say why you would like to be introduced."],
        IntroductionProblem.IllegalTransition => l["This step is not possible in the request's current state."],
        IntroductionProblem.NotYours => l["Only the colleague concerned can take this step."],
        IntroductionProblem.ChooseContact => l["Choose which of your contacts at this company you will introduce."],
        IntroductionProblem.ConsentDateInvalid => l["Enter the day the person agreed; it cannot be in the future."],
        IntroductionProblem.OutcomeNotAllowed => l["This outcome cannot follow the current one."],
        IntroductionProblem.AmountRequired => l["Enter the amount won and a three-letter currency code (JPY, USD…)."],
        IntroductionProblem.StartDateRequired => l["Enter the hire's start date."],
        IntroductionProblem.ChangedMeanwhile => l["Someone changed this request meanwhile. Look at it again and retry."],
        IntroductionProblem.MessageRequired => l["Write a message first."],
        IntroductionProblem.AskNotOpen => l["This ask is closed."],
        IntroductionProblem.TooLong => l["The text is too long."],
        IntroductionProblem.OwnAsk => l["This is your own ask: colleagues answer it."],
        IntroductionProblem.EscalationNotYet => l["This request cannot be escalated yet: the connector first gets a reminder and time to answer it."],
        IntroductionProblem.AlreadyEscalated => l["This request was already escalated."],
        IntroductionProblem.PersonAlreadyRequested => l["An introduction to this person is already pending for the requester, through another colleague who knows them."],
        _ => l["This position is no longer open."],
    };

    public string InvalidValue => l["The value is not valid."];
}

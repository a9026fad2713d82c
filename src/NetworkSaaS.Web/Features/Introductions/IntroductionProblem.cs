namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>Why an introduction step was refused; each has a localized message in <see cref="IntroductionLabels"/>.</summary>
public enum IntroductionProblem
{
    /// <summary>Also used for contacts that do not exist, so a refusal never reveals a Private contact.</summary>
    ContactNotAvailable,
    OwnContact,
    ConnectorInactive,
    DeclinedRecently,
    ReasonRequired,
    IllegalTransition,
    NotYours,
    ChooseContact,
    ConsentDateInvalid,
    OutcomeNotAllowed,
    AmountRequired,
    StartDateRequired,
    ChangedMeanwhile,
    MessageRequired,
    AskNotOpen,
    PositionNotOpen,
    TooLong,
    OwnAsk,
    EscalationNotYet,
    AlreadyEscalated,

    /// <summary>The requester already has a pending request for the same person through another colleague's record; <see cref="IntroductionResult.RequestId"/> is that request.</summary>
    PersonAlreadyRequested,
}

public sealed record IntroductionResult(Guid? RequestId, IntroductionProblem? Problem, bool AlreadyPending = false)
{
    public bool Succeeded => Problem is null;

    public static IntroductionResult Done(Guid id, bool alreadyPending = false) => new(id, null, alreadyPending);

    public static IntroductionResult Refused(IntroductionProblem problem) => new(null, problem);

    /// <summary>Refused because of the pending request <paramref name="pendingId"/>, which the caller can point to.</summary>
    public static IntroductionResult RefusedFor(IntroductionProblem problem, Guid pendingId) => new(pendingId, problem);
}

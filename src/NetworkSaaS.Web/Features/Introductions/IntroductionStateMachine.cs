using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Web.Features.Introductions;

public enum IntroductionAction
{
    Accept,
    Decline,
    ConfirmConsent,
    Withdraw,
    CloseForInactiveConnector,
}

/// <summary>
/// The legal moves of an introduction request and of its outcome. Everything not listed here is refused.
/// Requested → Accepted → Introduced is the double opt-in; the connector may still decline after accepting (the
/// external person said no); only open requests can be withdrawn or closed.
/// </summary>
public static class IntroductionStateMachine
{
    public static IntroductionState? Next(IntroductionState from, IntroductionAction action) => (from, action) switch
    {
        (IntroductionState.Requested, IntroductionAction.Accept) => IntroductionState.Accepted,
        (IntroductionState.Requested or IntroductionState.Accepted, IntroductionAction.Decline) => IntroductionState.Declined,
        (IntroductionState.Accepted, IntroductionAction.ConfirmConsent) => IntroductionState.Introduced,
        (IntroductionState.Requested or IntroductionState.Accepted, IntroductionAction.Withdraw) => IntroductionState.Withdrawn,
        (IntroductionState.Requested or IntroductionState.Accepted, IntroductionAction.CloseForInactiveConnector) => IntroductionState.ConnectorInactive,
        _ => null,
    };

    /// <summary>The outcome stages of a purpose, in order; the last ones are the final results.</summary>
    public static IReadOnlyList<IntroductionOutcome> Stages(IntroductionPurpose purpose) => purpose switch
    {
        IntroductionPurpose.SalesLead => [IntroductionOutcome.Meeting, IntroductionOutcome.Opportunity, IntroductionOutcome.Won, IntroductionOutcome.Lost],
        IntroductionPurpose.ReferralHire =>
            [IntroductionOutcome.Applied, IntroductionOutcome.Interviewing, IntroductionOutcome.Offer, IntroductionOutcome.Hired, IntroductionOutcome.NotHired],
        _ => [IntroductionOutcome.Engaged, IntroductionOutcome.NotEngaged],
    };

    public static bool IsFinal(IntroductionOutcome outcome) => outcome is IntroductionOutcome.Won or IntroductionOutcome.Lost
        or IntroductionOutcome.Hired or IntroductionOutcome.NotHired or IntroductionOutcome.Engaged or IntroductionOutcome.NotEngaged;

    /// <summary>Outcomes move forward only (stages may be skipped) and a final result is never changed.</summary>
    public static bool CanRecord(IntroductionPurpose purpose, IntroductionState state, IntroductionOutcome current, IntroductionOutcome next)
    {
        if (state != IntroductionState.Introduced || IsFinal(current))
        {
            return false;
        }

        var stages = Stages(purpose);
        var to = stages.IndexOf(next);
        return to >= 0 && (current == IntroductionOutcome.None || to > stages.IndexOf(current));
    }

    /// <summary>The outcomes the requester may record next.</summary>
    public static IReadOnlyList<IntroductionOutcome> NextOutcomes(IntroductionPurpose purpose, IntroductionState state, IntroductionOutcome current) =>
        [.. Stages(purpose).Where(next => CanRecord(purpose, state, current, next))];
}

internal static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}

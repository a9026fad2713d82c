using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Unit;

public sealed class IntroductionStateMachineTests
{
    private static readonly Dictionary<(IntroductionState, IntroductionAction), IntroductionState> Legal = new()
    {
        [(IntroductionState.Requested, IntroductionAction.Accept)] = IntroductionState.Accepted,
        [(IntroductionState.Requested, IntroductionAction.Decline)] = IntroductionState.Declined,
        [(IntroductionState.Requested, IntroductionAction.Withdraw)] = IntroductionState.Withdrawn,
        [(IntroductionState.Requested, IntroductionAction.CloseForInactiveConnector)] = IntroductionState.ConnectorInactive,
        [(IntroductionState.Accepted, IntroductionAction.ConfirmConsent)] = IntroductionState.Introduced,
        [(IntroductionState.Accepted, IntroductionAction.Decline)] = IntroductionState.Declined,
        [(IntroductionState.Accepted, IntroductionAction.Withdraw)] = IntroductionState.Withdrawn,
        [(IntroductionState.Accepted, IntroductionAction.CloseForInactiveConnector)] = IntroductionState.ConnectorInactive,
    };

    [Fact]
    public void Every_state_and_action_pair_is_either_the_listed_move_or_refused()
    {
        var checkedPairs = 0;
        foreach (var state in Enum.GetValues<IntroductionState>())
        {
            foreach (var action in Enum.GetValues<IntroductionAction>())
            {
                var expected = Legal.TryGetValue((state, action), out var to) ? to : (IntroductionState?)null;
                Assert.True(expected == IntroductionStateMachine.Next(state, action), $"{state} + {action}: expected {expected?.ToString() ?? "refused"}");
                checkedPairs++;
            }
        }

        Assert.Equal(Enum.GetValues<IntroductionState>().Length * Enum.GetValues<IntroductionAction>().Length, checkedPairs);
    }

    [Theory]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.None, IntroductionOutcome.Meeting, true)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.None, IntroductionOutcome.Won, true)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.Opportunity, IntroductionOutcome.Meeting, false)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.Opportunity, IntroductionOutcome.Opportunity, false)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.Opportunity, IntroductionOutcome.Lost, true)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.Won, IntroductionOutcome.Lost, false)]
    [InlineData(IntroductionPurpose.SalesLead, IntroductionOutcome.None, IntroductionOutcome.Hired, false)]
    [InlineData(IntroductionPurpose.ReferralHire, IntroductionOutcome.Applied, IntroductionOutcome.Offer, true)]
    [InlineData(IntroductionPurpose.ReferralHire, IntroductionOutcome.Offer, IntroductionOutcome.Interviewing, false)]
    [InlineData(IntroductionPurpose.ReferralHire, IntroductionOutcome.Offer, IntroductionOutcome.NotHired, true)]
    [InlineData(IntroductionPurpose.ReferralHire, IntroductionOutcome.Hired, IntroductionOutcome.NotHired, false)]
    [InlineData(IntroductionPurpose.ReferralHire, IntroductionOutcome.None, IntroductionOutcome.Engaged, false)]
    [InlineData(IntroductionPurpose.Advisor, IntroductionOutcome.None, IntroductionOutcome.Engaged, true)]
    [InlineData(IntroductionPurpose.Advisor, IntroductionOutcome.NotEngaged, IntroductionOutcome.Engaged, false)]
    [InlineData(IntroductionPurpose.Advisor, IntroductionOutcome.None, IntroductionOutcome.Won, false)]
    public void Outcomes_move_forward_within_their_purpose_and_final_results_stay(
        IntroductionPurpose purpose, IntroductionOutcome current, IntroductionOutcome next, bool allowed) =>
        Assert.Equal(allowed, IntroductionStateMachine.CanRecord(purpose, IntroductionState.Introduced, current, next));

    [Fact]
    public void No_outcome_is_recorded_before_the_introduction_is_made()
    {
        foreach (var state in Enum.GetValues<IntroductionState>().Where(s => s != IntroductionState.Introduced))
        {
            foreach (var purpose in Enum.GetValues<IntroductionPurpose>())
            {
                Assert.Empty(IntroductionStateMachine.NextOutcomes(purpose, state, IntroductionOutcome.None));
            }
        }

        Assert.Equal(
            [IntroductionOutcome.Offer, IntroductionOutcome.Hired, IntroductionOutcome.NotHired],
            IntroductionStateMachine.NextOutcomes(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Interviewing));
    }
}

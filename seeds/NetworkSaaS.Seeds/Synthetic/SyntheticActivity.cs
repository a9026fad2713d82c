using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>A stored contact that synthetic activity can refer to.</summary>
public sealed record SyntheticContactRef(Guid Id, Guid OwnerId, Guid? OrganizationId, MeetingChannel Channel);

/// <summary>Introduction requests with their timelines, as <c>IntroductionService</c> would have left them.</summary>
public sealed record SyntheticIntroductions(IReadOnlyList<IntroductionRequest> Requests, IReadOnlyList<IntroductionEvent> Events);

/// <summary>
/// Deterministic activity on a synthetic network, for benchmarks of what reads it (the HR review workbook): logged
/// interactions and introduction requests over the year before <paramref name="now"/> — asked, answered after hours
/// or days, declined, withdrawn, introduced, and their outcomes (won deals in JPY and USD, hires, advisors).
/// </summary>
public sealed class SyntheticActivity(Guid tenantId, DateTimeOffset now, int seed = 20261127)
{
    public IReadOnlyList<Interaction> Interactions(IReadOnlyList<SyntheticContactRef> contacts, int count)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var random = new Random(seed + 20);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var kinds = Enum.GetValues<InteractionKind>();
        var interactions = new List<Interaction>(count);
        for (var i = 0; i < count && contacts.Count > 0; i++)
        {
            var contact = contacts[random.Next(contacts.Count)];
            var on = today.AddDays(-random.Next(0, 365));
            interactions.Add(new Interaction
            {
                TenantId = tenantId,
                Id = SyntheticIds.Version7(new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), random),
                ContactId = contact.Id,
                Kind = kinds[random.Next(kinds.Length)],
                OccurredOn = on,
                CreatedByUserId = contact.OwnerId,
                CreatedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero),
            });
        }

        return interactions;
    }

    /// <summary>Up to <paramref name="count"/> requests, each for its own contact (so no two are pending for the same person).</summary>
    public SyntheticIntroductions Introductions(IReadOnlyList<Guid> users, IReadOnlyList<SyntheticContactRef> contacts, int count)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(contacts);
        var random = new Random(seed + 21);
        var requests = new List<IntroductionRequest>(count);
        var events = new List<IntroductionEvent>(count * 4);
        foreach (var contact in contacts.Take(count))
        {
            var requester = users[random.Next(users.Count)];
            if (requester == contact.OwnerId)
            {
                continue;
            }

            var purpose = random.Next(100) switch { < 60 => IntroductionPurpose.SalesLead, < 85 => IntroductionPurpose.ReferralHire, _ => IntroductionPurpose.Advisor };
            var at = now.AddDays(-random.Next(1, 365)).AddMinutes(-random.Next(0, 600));
            var request = new IntroductionRequest
            {
                TenantId = tenantId,
                Id = SyntheticIds.Version7(at, random),
                RequesterId = requester,
                ConnectorId = contact.OwnerId,
                ContactId = contact.Id,
                OrganizationId = contact.OrganizationId,
                ContactChannel = contact.Channel,
                TargetSummary = "",
                Purpose = purpose,
                Reason = "Synthetic request",
                CreatedAt = at,
            };
            Event(request, events, at, requester, IntroductionEventKind.Requested, random);
            Play(request, events, at, random);
            request.UpdatedAt = events[^1].At;
            requests.Add(request);
        }

        return new SyntheticIntroductions(requests, events);
    }

    private void Play(IntroductionRequest request, List<IntroductionEvent> events, DateTimeOffset at, Random random)
    {
        var roll = random.Next(100);
        var answered = Later(at, TimeSpan.FromHours(random.Next(1, 96)));
        if (roll < 12 || answered is null)
        {
            return; // still waiting for the connector
        }

        if (roll < 27)
        {
            request.State = IntroductionState.Declined;
            request.RespondedAt = request.ClosedAt = answered;
            Event(request, events, answered.Value, request.ConnectorId, IntroductionEventKind.Declined, random);
            return;
        }

        if (roll < 31)
        {
            request.State = IntroductionState.Withdrawn;
            request.ClosedAt = answered;
            Event(request, events, answered.Value, request.RequesterId, IntroductionEventKind.Withdrawn, random);
            return;
        }

        request.State = IntroductionState.Accepted;
        request.RespondedAt = answered;
        Event(request, events, answered.Value, request.ConnectorId, IntroductionEventKind.Accepted, random);
        var introduced = Later(answered.Value, TimeSpan.FromHours(random.Next(2, 120)));
        if (random.Next(100) < 15 || introduced is null)
        {
            return; // waiting for the person's consent
        }

        request.State = IntroductionState.Introduced;
        request.IntroducedAt = introduced;
        request.ConsentOn = DateOnly.FromDateTime(introduced.Value.UtcDateTime);
        Event(request, events, introduced.Value, request.ConnectorId, IntroductionEventKind.ConsentConfirmed, random);
        var decided = Later(introduced.Value, TimeSpan.FromDays(random.Next(3, 90)));
        if (decided is null || random.Next(100) < 30)
        {
            return; // no outcome yet
        }

        request.Outcome = (request.Purpose, random.Next(100)) switch
        {
            (IntroductionPurpose.SalesLead, < 35) => IntroductionOutcome.Won,
            (IntroductionPurpose.SalesLead, _) => IntroductionOutcome.Lost,
            (IntroductionPurpose.ReferralHire, < 30) => IntroductionOutcome.Hired,
            (IntroductionPurpose.ReferralHire, _) => IntroductionOutcome.NotHired,
            (_, < 55) => IntroductionOutcome.Engaged,
            _ => IntroductionOutcome.NotEngaged,
        };
        if (request.Outcome == IntroductionOutcome.Won)
        {
            (request.WonAmount, request.WonCurrency) = random.Next(4) == 0
                ? (random.Next(10, 1_000) * 100m, "USD")
                : (random.Next(10, 1_000) * 10_000m, "JPY");
        }

        if (request.Outcome == IntroductionOutcome.Hired)
        {
            request.HireStartOn = DateOnly.FromDateTime(decided.Value.UtcDateTime).AddDays(random.Next(14, 90));
        }

        request.OutcomeUpdatedAt = decided;
        Event(request, events, decided.Value, request.RequesterId, IntroductionEventKind.OutcomeRecorded, random);
    }

    /// <summary><paramref name="after"/> + <paramref name="delay"/>, or null when that is still to come.</summary>
    private DateTimeOffset? Later(DateTimeOffset after, TimeSpan delay) => after + delay <= now ? after + delay : null;

    private void Event(IntroductionRequest request, List<IntroductionEvent> events, DateTimeOffset at, Guid actor, IntroductionEventKind kind, Random random) =>
        events.Add(new IntroductionEvent
        {
            TenantId = tenantId,
            Id = SyntheticIds.Version7(at, random),
            RequestId = request.Id,
            At = at,
            ActorId = actor,
            Kind = kind,
            State = request.State,
            Outcome = request.Outcome,
        });
}

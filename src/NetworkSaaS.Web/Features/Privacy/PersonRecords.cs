using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Web.Features.Privacy;

public sealed record InteractionRecord(Guid Id, InteractionKind Kind, DateOnly OccurredOn, string? Note, string LoggedBy, DateTimeOffset LoggedAt);

public sealed record IntroductionMessage(DateTimeOffset At, string? From, string Text);

public sealed record IntroductionRecord(
    Guid Id, IntroductionPurpose Purpose, IntroductionState State, IntroductionOutcome Outcome, string Requester, string Connector,
    string TargetSummary, string Reason, string? DeclineReason, DateOnly? ConsentOn, DateTimeOffset CreatedAt, IReadOnlyList<IntroductionMessage> Messages);

/// <summary>One copy of the person: one owner's contact, with everything logged about it and the introductions it is the subject of.</summary>
public sealed record PersonRecord(
    Contact Contact, string OwnerName, string? OrganizationName, IReadOnlyList<InteractionRecord> Interactions, IReadOnlyList<IntroductionRecord> Introductions);

/// <summary>Everything the company holds about the contacts found for a privacy request, read in a few queries.</summary>
public sealed class PersonRecords(AppDbContext db)
{
    public async Task<IReadOnlyList<PersonRecord>> LoadAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        if (contactIds.Count == 0)
        {
            return [];
        }

        var ids = contactIds.ToList();
        var contacts = await db.Contacts.AsNoTracking().Include(c => c.Owner).Include(c => c.Organization)
            .Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortKey).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string Name(Guid? id) => id is { } value && users.TryGetValue(value, out var name) ? name : "";

        var interactions = (await db.Interactions.AsNoTracking().Where(i => ids.Contains(i.ContactId))
                .OrderBy(i => i.OccurredOn).ThenBy(i => i.Id).ToListAsync(cancellationToken))
            .ToLookup(i => i.ContactId);
        var introductions = await db.IntroductionRequests.AsNoTracking().Where(r => r.ContactId != null && ids.Contains(r.ContactId.Value))
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var requestIds = introductions.Select(r => r.Id).ToList();
        var messages = (await db.IntroductionEvents.AsNoTracking()
                .Where(e => requestIds.Contains(e.RequestId) && e.Kind == IntroductionEventKind.Message && e.Text != null)
                .OrderBy(e => e.At).ToListAsync(cancellationToken))
            .ToLookup(e => e.RequestId);
        var byContact = introductions.ToLookup(r => r.ContactId!.Value);

        return [.. contacts.Select(c => new PersonRecord(
            c,
            c.Owner?.DisplayName ?? "",
            c.Organization?.Name,
            [.. interactions[c.Id].Select(i => new InteractionRecord(i.Id, i.Kind, i.OccurredOn, i.Note, Name(i.CreatedByUserId), i.CreatedAt))],
            [.. byContact[c.Id].Select(r => new IntroductionRecord(
                r.Id, r.Purpose, r.State, r.Outcome, Name(r.RequesterId), Name(r.ConnectorId), r.TargetSummary, r.Reason, r.DeclineReason,
                r.ConsentOn, r.CreatedAt, [.. messages[r.Id].Select(m => new IntroductionMessage(m.At, Name(m.ActorId), m.Text!))]))]))];
    }
}

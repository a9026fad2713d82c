using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Logging a touch with a contact: the interaction, the last contact date, the cleared snooze and the next stay-in-touch
/// date change together. Added to the current unit of work; the caller saves.
/// </summary>
public sealed class InteractionLog(AppDbContext db, ContactWriter writer, TimeProvider clock)
{
    public async Task AddAsync(Contact contact, InteractionKind kind, DateOnly occurredOn, string? note, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        db.Interactions.Add(new Interaction
        {
            ContactId = contact.Id,
            Kind = kind,
            OccurredOn = occurredOn,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedByUserId = userId,
            CreatedAt = clock.GetUtcNow(),
        });
        if (contact.LastContactedOn is null || occurredOn > contact.LastContactedOn)
        {
            contact.LastContactedOn = occurredOn;
        }

        contact.SnoozedUntil = null;
        await writer.DeriveAsync(contact, cancellationToken);
    }
}

using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Logging a touch with a contact: the interaction, the last contact date, the cleared snooze and the next stay-in-touch
/// date change together. Added to the current unit of work; the caller saves.
/// </summary>
public sealed class InteractionLog(AppDbContext db, ContactWriter writer, TimeProvider clock)
{
    public const int NoteMaxLength = 4000;

    /// <summary>The rules of a logged interaction (the contact page's form and the API): field name and message of each broken one.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(InteractionKind kind, DateOnly occurredOn, string? note, DateOnly today,
        Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (occurredOn > today.AddDays(1) || occurredOn.Year < 1900)
        {
            yield return ("OccurredOn", l["Enter a date that is not in the future."]);
        }

        if (!Enum.IsDefined(kind))
        {
            yield return ("Kind", l["The value is not valid."]);
        }

        if (note?.Length > NoteMaxLength)
        {
            yield return ("Note", l["Use at most {1} characters.", "", NoteMaxLength]);
        }
    }

    public async Task<Interaction> AddAsync(Contact contact, InteractionKind kind, DateOnly occurredOn, string? note, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var interaction = new Interaction
        {
            ContactId = contact.Id,
            Kind = kind,
            OccurredOn = occurredOn,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedByUserId = userId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Interactions.Add(interaction);
        if (contact.LastContactedOn is null || occurredOn > contact.LastContactedOn)
        {
            contact.LastContactedOn = occurredOn;
        }

        contact.SnoozedUntil = null;
        await writer.DeriveAsync(contact, cancellationToken);
        return interaction;
    }
}

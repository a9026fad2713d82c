using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>The fields a bulk change may set, as they were: what undo writes back, exactly.</summary>
public sealed record TriageFields(Guid Id, ContactVisibility Visibility, int Depth, List<string> Tags, OpenTo OpenTo, int? CadenceDays, bool ReviewPending)
{
    public static TriageFields Of(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new(contact.Id, contact.Visibility, contact.Depth, [.. contact.Tags], contact.OpenTo, contact.CadenceDays, contact.ReviewPending);
    }

    public void RestoreTo(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.Visibility = Visibility;
        contact.Depth = Depth;
        contact.Tags = [.. Tags];
        contact.OpenTo = OpenTo;
        contact.CadenceDays = CadenceDays;
        contact.ReviewPending = ReviewPending;
    }
}

/// <summary>Contacts deleted by one bulk change, with what pointed at them, so undo brings them back as they were.</summary>
public sealed record DeletedContacts(
    List<Contact> Contacts,
    List<Interaction> Interactions,
    List<DeletedContacts.Link> Introductions,
    List<DeletedContacts.Link> IntroducedBy)
{
    /// <summary>A row (<paramref name="From"/>) whose reference to the deleted contact <paramref name="To"/> was cleared.</summary>
    public sealed record Link(Guid From, Guid To);
}

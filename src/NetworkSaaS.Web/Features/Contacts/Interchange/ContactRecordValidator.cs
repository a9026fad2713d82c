namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Cleans a draft (trim, empty to null, no empty or repeated list values) and decides whether it can be imported.</summary>
internal static class ContactRecordValidator
{
    public const int MaxFieldLength = 1_000;
    public const int MaxNotesLength = 10_000;

    /// <summary>The clean contact, or why the record is left out.</summary>
    public static (ImportedContact? Contact, RejectedRecord? Rejected) Validate(ContactDraft draft)
    {
        if (draft.Problem is { } problem)
        {
            return (null, problem);
        }

        var contact = Clean(draft);
        var rejected = FindProblem(contact);
        return rejected is null ? (contact, null) : (null, rejected);
    }

    private static ImportedContact Clean(ContactDraft draft) => new(
        draft.LineNumber,
        ContactText.Clean(draft.FamilyName),
        ContactText.Clean(draft.GivenName),
        ContactText.Clean(draft.FamilyNameKana),
        ContactText.Clean(draft.GivenNameKana),
        ContactText.Clean(draft.CompanyName),
        ContactText.Clean(draft.Department),
        ContactText.Clean(draft.Title),
        CleanList(draft.Emails, StringComparer.OrdinalIgnoreCase),
        CleanList(draft.Phones, StringComparer.Ordinal),
        CleanList(draft.Urls, StringComparer.Ordinal),
        ContactText.Clean(draft.Address),
        CleanList(draft.Tags, StringComparer.Ordinal),
        ContactText.Clean(draft.Notes),
        draft.MetOn,
        ContactText.Clean(draft.VCardUid))
    {
        Industry = Companies.Industries.Recognize(draft.Industry),
        CompanyDomain = Companies.CompanyDomains.FromUrl(draft.CompanyUrl),
    };

    private static string[] CleanList(IEnumerable<string> values, StringComparer comparer) =>
        [.. values.Select(ContactText.Clean).OfType<string>().Distinct(comparer)];

    private static RejectedRecord? FindProblem(ImportedContact contact)
    {
        if (FindTooLong(contact) is { } field)
        {
            return new RejectedRecord(contact.LineNumber, RejectReason.ValueTooLong, field);
        }

        if (contact.FamilyName is null && contact.GivenName is null)
        {
            return new RejectedRecord(contact.LineNumber, RejectReason.MissingName, null);
        }

        return contact.Emails.FirstOrDefault(email => !EmailAddresses.IsPlausible(email)) is { } invalid
            ? new RejectedRecord(contact.LineNumber, RejectReason.InvalidEmail, invalid)
            : null;
    }

    /// <summary>The name of the first field over its limit, or null.</summary>
    private static string? FindTooLong(ImportedContact contact)
    {
        if (contact.Notes?.Length > MaxNotesLength)
        {
            return nameof(contact.Notes);
        }

        (string Name, IEnumerable<string?> Values)[] fields =
        [
            (nameof(contact.FamilyName), [contact.FamilyName]),
            (nameof(contact.GivenName), [contact.GivenName]),
            (nameof(contact.FamilyNameKana), [contact.FamilyNameKana]),
            (nameof(contact.GivenNameKana), [contact.GivenNameKana]),
            (nameof(contact.CompanyName), [contact.CompanyName]),
            (nameof(contact.Department), [contact.Department]),
            (nameof(contact.Title), [contact.Title]),
            (nameof(contact.Emails), contact.Emails),
            (nameof(contact.Phones), contact.Phones),
            (nameof(contact.Urls), contact.Urls),
            (nameof(contact.Address), [contact.Address]),
            (nameof(contact.Tags), contact.Tags),
            (nameof(contact.VCardUid), [contact.VCardUid]),
        ];
        return fields.FirstOrDefault(field => field.Values.Any(value => value?.Length > MaxFieldLength)).Name;
    }
}

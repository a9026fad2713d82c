namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Turns the properties of one vCard (2.1, 3.0 or 4.0) into a contact draft.</summary>
internal sealed class VCardContactBuilder
{
    private readonly ContactDraft _draft;
    private readonly bool _version21;
    private readonly List<string> _notes = [];
    private string? _formattedName;
    private string? _phoneticFamily;
    private string? _phoneticGiven;
    private string? _sortAsFamily;
    private string? _sortAsGiven;

    private VCardContactBuilder(int lineNumber, bool version21)
    {
        _draft = new ContactDraft(lineNumber);
        _version21 = version21;
    }

    public static ContactDraft Build(int lineNumber, IReadOnlyList<VCardProperty> properties)
    {
        var version21 = properties.Any(p => p.Name == "VERSION" && p.RawValue.Trim() == "2.1");
        var builder = new VCardContactBuilder(lineNumber, version21);
        foreach (var property in properties)
        {
            builder.Add(property);
        }

        return builder.Finish();
    }

    private void Add(VCardProperty property)
    {
        switch (property.Name)
        {
            case "N": ReadName(property); break;
            case "FN": _formattedName ??= Text(property); break;
            case "X-PHONETIC-LAST-NAME": _phoneticFamily ??= Text(property); break;
            case "X-PHONETIC-FIRST-NAME": _phoneticGiven ??= Text(property); break;
            case "SOUND" when property.HasType("X-IRMC-N"): ReadKanaIfKana(Components(property)); break;
            case "ORG": ReadOrganization(Components(property)); break;
            case "TITLE": _draft.Title ??= Text(property); break;
            case "EMAIL": _draft.Emails.AddPresent(Text(property)); break;
            case "TEL": _draft.Phones.AddPresent(PhoneNumber(property)); break;
            case "URL": _draft.Urls.AddPresent(Text(property)); break;
            case "ADR": _draft.Address ??= ReadableAddress(Components(property)); break;
            case "CATEGORIES": _draft.Tags.AddRange(ListItems(property)); break;
            case "NOTE": _notes.AddPresent(Text(property)); break;
            case "UID": _draft.VCardUid ??= Text(property); break;
            case "X-NETWORKSAAS-MET": _draft.ReadMetOn(Text(property), [ContactDates.IsoFormat]); break;
            default: break;
        }
    }

    private ContactDraft Finish()
    {
        if (_draft.FamilyName is null && _draft.GivenName is null)
        {
            (_draft.FamilyName, _draft.GivenName) = PersonNames.SplitDisplayName(_formattedName);
        }

        _draft.FamilyNameKana = _phoneticFamily ?? _sortAsFamily;
        _draft.GivenNameKana = _phoneticGiven ?? _sortAsGiven;
        _draft.Notes = _notes.Count == 0 ? null : string.Join('\n', _notes);
        return _draft;
    }

    /// <summary>N is family;given;additional;prefix;suffix. Middle names stay with the given name.</summary>
    private void ReadName(VCardProperty property)
    {
        var parts = Components(property);
        _draft.FamilyName ??= Part(parts, 0);
        _draft.GivenName ??= ContactText.JoinNonEmpty(" ", Part(parts, 1), Part(parts, 2));
        ReadKanaIfKana(property.Parameter("SORT-AS"));
    }

    /// <summary>SORT-AS (or a 2.1 SOUND;X-IRMC-N) is a reading only when it is kana; "Rossi,Sofia" is just a sort key.</summary>
    private void ReadKanaIfKana(IReadOnlyList<string> parts)
    {
        if (PersonNames.IsKana(Part(parts, 0)))
        {
            _sortAsFamily ??= Part(parts, 0);
        }

        if (PersonNames.IsKana(Part(parts, 1)))
        {
            _sortAsGiven ??= Part(parts, 1);
        }
    }

    private void ReadOrganization(List<string> parts)
    {
        _draft.CompanyName ??= Part(parts, 0);
        _draft.Department ??= ContactText.JoinNonEmpty(" ", parts.Skip(1));
    }

    private string? PhoneNumber(VCardProperty property)
    {
        var text = Text(property);
        return text is not null && text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
    }

    /// <summary>
    /// ADR is pobox;extended;street;locality;region;code;country. Japanese addresses read from the
    /// postal code down (〒100-0005 東京都千代田区丸の内1-1-1); others from the street up.
    /// </summary>
    private static string? ReadableAddress(List<string> parts)
    {
        var (poBox, extended, street, locality) = (Part(parts, 0), Part(parts, 1), Part(parts, 2), Part(parts, 3));
        var (region, postalCode, country) = (Part(parts, 4), Part(parts, 5), Part(parts, 6));
        if (PersonNames.ContainsCjk(string.Concat(parts)))
        {
            var place = ContactText.Clean(region + locality + street);
            return ContactText.PostalAddress(postalCode, ContactText.JoinNonEmpty(" ", place, extended, poBox, country));
        }

        return ContactText.JoinNonEmpty(", ", street, extended, poBox, locality, ContactText.JoinNonEmpty(" ", region, postalCode), country);
    }

    private string? Text(VCardProperty property) => ContactText.Clean(VCardText.Unescape(VCardText.Decoded(property), _version21));

    private List<string> Components(VCardProperty property) => Split(property, ';');

    private List<string> ListItems(VCardProperty property) => Split(property, ',');

    private List<string> Split(VCardProperty property, char separator) =>
        [.. VCardText.SplitUnescaped(VCardText.Decoded(property), separator).Select(part => VCardText.Unescape(part, _version21))];

    private static string? Part(IReadOnlyList<string> parts, int index) => index < parts.Count ? ContactText.Clean(parts[index]) : null;
}

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// The template documented for users, which the CSV export also writes: one column per field,
/// several values in one cell separated by ';', met_on as yyyy-MM-dd.
/// </summary>
internal sealed class GenericCsvFormat : ICsvContactFormat
{
    public const char ListSeparator = ';';

    public static readonly string[] Columns =
    [
        "family_name", "given_name", "family_name_kana", "given_name_kana", "company", "department", "title",
        "emails", "phones", "urls", "address", "tags", "notes", "met_on",
    ];

    public static string Header { get; } = string.Join(',', Columns);

    public ContactFileFormat Format => ContactFileFormat.GenericCsv;

    public bool Recognizes(CsvHeader header) =>
        header.Names.Reverse().SkipWhile(name => name.Length == 0).Reverse()
            .SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase);

    public ContactDraft Map(CsvRow row)
    {
        var draft = new ContactDraft(row.LineNumber)
        {
            FamilyName = row.Get("family_name"),
            GivenName = row.Get("given_name"),
            FamilyNameKana = row.Get("family_name_kana"),
            GivenNameKana = row.Get("given_name_kana"),
            CompanyName = row.Get("company"),
            Department = row.Get("department"),
            Title = row.Get("title"),
            Address = row.Get("address"),
            Notes = row.Get("notes"),
        };
        draft.Emails.AddRange(ContactText.SplitList(row.Get("emails"), ListSeparator));
        draft.Phones.AddRange(ContactText.SplitList(row.Get("phones"), ListSeparator));
        draft.Urls.AddRange(ContactText.SplitList(row.Get("urls"), ListSeparator));
        draft.Tags.AddRange(ContactText.SplitList(row.Get("tags"), ListSeparator));
        draft.ReadMetOn(row.Get("met_on"), ContactDates.IsoOrSlashed);
        return draft;
    }
}

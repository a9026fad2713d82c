namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>LinkedIn's Connections.csv (older exports have no URL column; most emails are empty).</summary>
internal sealed class LinkedInCsvFormat : ICsvContactFormat
{
    public ContactFileFormat Format => ContactFileFormat.LinkedIn;

    public bool Recognizes(CsvHeader header) =>
        header.Has("First Name") && header.Has("Last Name") && header.HasAny("Connected On", "Company");

    public ContactDraft Map(CsvRow row)
    {
        var draft = new ContactDraft(row.LineNumber)
        {
            GivenName = row.Get("First Name"),
            FamilyName = row.Get("Last Name"),
            CompanyName = row.Get("Company"),
            Title = row.Get("Position"),
        };
        draft.Emails.AddPresent(row.Get("Email Address"));
        draft.Urls.AddPresent(row.Get("URL"));
        draft.ReadMetOn(row.Get("Connected On"), ContactDates.LinkedIn);
        return draft;
    }
}

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Writes contacts in the generic CSV template (see <see cref="ContactFileReader.GenericCsvTemplateHeader"/>) with <see cref="CsvText"/>.</summary>
public static class ContactCsvWriter
{
    public static byte[] Write(IEnumerable<ExportedContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        return CsvText.Write(contacts.Select(Cells).Prepend(GenericCsvFormat.Columns));
    }

    /// <summary>In the order of <see cref="GenericCsvFormat.Columns"/>.</summary>
    private static string?[] Cells(ExportedContact contact) =>
    [
        contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana,
        contact.CompanyName, contact.Department, contact.Title,
        List(contact.Emails), List(contact.Phones), List(contact.Urls),
        contact.Address, List(contact.Tags), contact.Notes,
        contact.MetOn is { } metOn ? ContactDates.Format(metOn) : null,
    ];

    private static string List(IEnumerable<string> values) =>
        string.Join(GenericCsvFormat.ListSeparator, values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()));
}

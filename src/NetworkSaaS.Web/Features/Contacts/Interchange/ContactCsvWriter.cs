namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Writes contacts in the generic CSV template (see <see cref="ContactFileReader.GenericCsvTemplateHeader"/>) with
/// <see cref="CsvText"/>; the streamed exports write the same <see cref="Cells"/> row by row.
/// </summary>
public static class ContactCsvWriter
{
    public static IReadOnlyList<string> Columns => GenericCsvFormat.Columns;

    public static byte[] Write(IEnumerable<ExportedContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        return CsvText.Write(contacts.Select(Cells).Prepend(GenericCsvFormat.Columns));
    }

    /// <summary>One contact's cells, in the order of <see cref="Columns"/>.</summary>
    public static string?[] Cells(ExportedContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return
        [
            contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana,
            contact.CompanyName, contact.Department, contact.Title,
            List(contact.Emails), List(contact.Phones), List(contact.Urls),
            contact.Address, List(contact.Tags), contact.Notes,
            contact.MetOn is { } metOn ? ContactDates.Format(metOn) : null,
        ];
    }

    /// <summary>Several values in one cell, as the template separates them.</summary>
    public static string List(IEnumerable<string> values) =>
        string.Join(GenericCsvFormat.ListSeparator, values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()));
}

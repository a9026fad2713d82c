using System.Buffers;
using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Writes contacts in the generic CSV template (see <see cref="ContactFileReader.GenericCsvTemplateHeader"/>):
/// UTF-8 with BOM so Excel detects the encoding, CRLF, RFC 4180 quoting.
/// </summary>
public static class ContactCsvWriter
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// First characters that make Excel or LibreOffice evaluate a cell as a formula (OWASP "CSV injection";
    /// tab and CR are skipped by some versions before evaluating). Such a cell gets a leading apostrophe
    /// so it shows as text. The reader deliberately keeps the apostrophe: it cannot tell ours from one a
    /// user typed, so these cells (e.g. phones starting with +) do not round-trip exactly.
    /// </summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static byte[] Write(IEnumerable<ExportedContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var text = new StringBuilder();
        AppendRow(text, GenericCsvFormat.Columns);
        foreach (var contact in contacts)
        {
            AppendRow(text, Cells(contact));
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
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

    private static void AppendRow(StringBuilder text, IEnumerable<string?> cells)
    {
        text.AppendJoin(',', cells.Select(cell => Quote(Neutralize(cell ?? ""))));
        text.Append("\r\n");
    }

    private static string Neutralize(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    private static string Quote(string cell) =>
        cell.AsSpan().ContainsAny(NeedsQuoting) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}

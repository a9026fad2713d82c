using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Every CSV the app hands out, as bytes: written with <see cref="CsvOutput"/> (UTF-8 with BOM so Excel detects the
/// encoding, CRLF, RFC 4180 quoting, and cells that could run as spreadsheet formulas neutralised with a leading
/// apostrophe). The reader deliberately keeps the apostrophe: it cannot tell ours from one a user typed, so these
/// cells (e.g. phones starting with +) do not round-trip exactly. Large exports stream through <see cref="CsvOutput"/>.
/// </summary>
public static class CsvText
{
    public static byte[] Write(IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var csv = new CsvOutput(stream))
        {
            foreach (var row in rows)
            {
                csv.WriteRow(row);
            }
        }

        return stream.ToArray();
    }
}

using System.Buffers;
using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Every CSV the app hands out: UTF-8 with BOM so Excel detects the encoding, CRLF, RFC 4180 quoting, and cells that
/// could run as spreadsheet formulas neutralised.
/// </summary>
public static class CsvText
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// First characters that make Excel or LibreOffice evaluate a cell as a formula (OWASP "CSV injection";
    /// tab and CR are skipped by some versions before evaluating). Such a cell gets a leading apostrophe
    /// so it shows as text. The reader deliberately keeps the apostrophe: it cannot tell ours from one a
    /// user typed, so these cells (e.g. phones starting with +) do not round-trip exactly.
    /// </summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static byte[] Write(IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(cell => Quote(Neutralize(cell ?? ""))));
            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Neutralize(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    private static string Quote(string cell) =>
        cell.AsSpan().ContainsAny(NeedsQuoting) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}

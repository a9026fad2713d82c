using System.Text;
using System.Text.RegularExpressions;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>
/// The greeting list as a CSV for address labels (Word mail merge, 筆まめ, 宛名職人…), written with the app's one CSV
/// writer (<see cref="CsvText"/>: UTF-8 BOM, RFC 4180, formulas neutralised). A Japanese postal code at the start of
/// the address (〒100-0005, full-width digits too) gets its own column, as label software expects.
/// </summary>
public static partial class GreetingLabelsCsv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<GreetingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvText.Write(rows.Select(Cells).Prepend([.. header]));
    }

    private static string?[] Cells(GreetingRow row)
    {
        var (postalCode, address) = SplitPostalCode(row.Address ?? "");
        return [row.Name, row.Kana, row.Company, row.Department, row.Title, postalCode, address];
    }

    [GeneratedRegex(@"^\s*(?:〒\s*)?([0-9０-９]{3})\s*[-‐－ー−]?\s*([0-9０-９]{4})(?![0-9０-９])\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingPostalCode();

    /// <summary>"〒１００-０００５ 東京都…" → ("100-0005", "東京都…"); an address without one is returned whole.</summary>
    public static (string? PostalCode, string Address) SplitPostalCode(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var match = LeadingPostalCode().Match(address);
        if (!match.Success || match.Groups[3].Value.Trim().Length == 0)
        {
            return (null, address.Trim());
        }

        var code = $"{match.Groups[1].Value}-{match.Groups[2].Value}".Normalize(NormalizationForm.FormKC);
        return (code, match.Groups[3].Value.Trim());
    }
}

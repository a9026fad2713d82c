using System.Buffers;
using System.Text;

namespace NetworkSaaS.Web.Features.Spreadsheets;

/// <summary>
/// The rules for putting user text into spreadsheet cells (CSV and xlsx alike): what a spreadsheet would evaluate,
/// and what XML cannot carry.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>Excel's limit for the text of one cell.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>
    /// First characters that make Excel or LibreOffice evaluate a cell as a formula (OWASP "CSV injection"; tab and CR
    /// are skipped by some versions before evaluating).
    /// </summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static bool LooksLikeFormula(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && FormulaStarts.Contains(text[0]);
    }

    /// <summary>
    /// A CSV cell that would run as a formula gets a leading apostrophe so it shows as text. (In xlsx the cell is typed
    /// text and carries the quote-prefix style instead, so the text itself stays unchanged.)
    /// </summary>
    public static string NeutralizeForCsv(string text) => LooksLikeFormula(text) ? "'" + text : text;

    /// <summary>
    /// Text as XML 1.0 can carry it: characters XML forbids (most control characters, lone surrogates, U+FFFE/U+FFFF)
    /// are dropped, and Excel's limit of 32,767 characters per cell applies.
    /// </summary>
    public static string ForXml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = IsXmlSafe(text) ? text : Strip(text);
        return clean.Length > MaxCellLength ? clean[..MaxCellLength] : clean;
    }

    private static bool IsXmlSafe(string text)
    {
        foreach (var c in text)
        {
            if (!IsXmlChar(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uFFFD');
}

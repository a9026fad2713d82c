using System.Text;

namespace NetworkSaaS.Web.Features.Spreadsheets;

/// <summary>
/// Column widths computed from the text (Excel's unit is about one digit of the default font): no
/// AdjustToContents, which measures with GDI+ (libgdiplus) and is not available on the servers.
/// </summary>
public static class ColumnWidths
{
    public const double Min = 6;
    public const double Max = 60;

    /// <summary>Padding for the filter button of a header cell and the cell margins.</summary>
    private const double Padding = 3;

    /// <summary>The width that shows the longest of <paramref name="texts"/> (line by line), within <see cref="Min"/>–<see cref="Max"/>.</summary>
    public static double Fit(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var widest = 0.0;
        foreach (var text in texts)
        {
            widest = Math.Max(widest, DisplayWidth(text));
        }

        return Math.Clamp(Math.Ceiling(widest + Padding), Min, Max);
    }

    /// <summary>Display width of the longest line: East Asian wide and full-width characters count two.</summary>
    public static double DisplayWidth(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        double widest = 0, line = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                widest = Math.Max(widest, line);
                line = 0;
                continue;
            }

            line += IsWide(rune) ? 2 : 1;
        }

        return Math.Max(widest, line);
    }

    private static bool IsWide(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => true,   // Hangul Jamo
        >= 0x2E80 and <= 0x303E => true,   // CJK radicals, punctuation
        >= 0x3041 and <= 0x33FF => true,   // kana, CJK symbols
        >= 0x3400 and <= 0x4DBF => true,   // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0xA000 and <= 0xA4CF => true,   // Yi
        >= 0xAC00 and <= 0xD7A3 => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,   // CJK compatibility forms
        >= 0xFF00 and <= 0xFF60 => true,   // full-width forms
        >= 0xFFE0 and <= 0xFFE6 => true,
        >= 0x1F300 and <= 0x1FAFF => true, // emoji
        >= 0x20000 and <= 0x3FFFD => true, // CJK extensions B and later
        _ => false,
    };
}

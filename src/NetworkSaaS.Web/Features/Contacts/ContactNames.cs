using System.Globalization;
using System.Text;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>How a person's name is shown, sorted and searched, for Japanese and Western names alike.</summary>
public static class ContactNames
{
    /// <summary>Japanese (CJK) names are shown family name first; Western names given name first.</summary>
    public static string Display(string? family, string? given)
    {
        family = family?.Trim();
        given = given?.Trim();
        if (string.IsNullOrEmpty(family))
        {
            return given ?? "";
        }

        if (string.IsNullOrEmpty(given))
        {
            return family;
        }

        return ContainsCjk(family) || ContainsCjk(given) ? $"{family} {given}" : $"{given} {family}";
    }

    /// <summary>The kana reading in hiragana when there is one (so カ and か sort together), else the name in lowercase, family first.</summary>
    public static string SortKey(string? family, string? given, string? familyKana, string? givenKana)
    {
        var reading = $"{familyKana} {givenKana}".Trim();
        var key = reading.Length > 0 ? ToHiragana(reading) : $"{family} {given}".Trim();
        return key.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    public static bool ContainsCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\uff66' and <= '\uff9f')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Katakana (full- and half-width) to hiragana; everything else unchanged.</summary>
    public static string ToHiragana(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(c is >= '\u30a1' and <= '\u30f6' ? (char)(c - 0x60) : c);
        }

        return builder.ToString();
    }

    /// <summary>A name reduced to its letters and digits in search form: two spellings of one person compare equal.</summary>
    public static string MatchKey(string displayName) =>
        new([.. SearchForm(displayName).Where(char.IsLetterOrDigit)]);

    /// <summary>What search compares against: NFKC, lowercase, and kana folded to hiragana.</summary>
    public static string SearchForm(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : ToHiragana(text).ToLower(CultureInfo.InvariantCulture);
}

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Splitting a name written as one string, and telling kana and CJK text apart.</summary>
internal static class PersonNames
{
    private static readonly char[] Spaces = [' ', '\u3000'];

    /// <summary>A "氏名" cell, family name first: split at the first space (half- or full-width).</summary>
    public static (string? Family, string? Given) SplitFamilyFirst(string? fullName)
    {
        var name = ContactText.Clean(fullName);
        if (name is null)
        {
            return (null, null);
        }

        var space = name.IndexOfAny(Spaces);
        return space < 0 ? (name, null) : (ContactText.Clean(name[..space]), ContactText.Clean(name[(space + 1)..]));
    }

    /// <summary>
    /// A display name (vCard FN) when nothing better exists: Western names end with the family name,
    /// so split at the last space; any other name is kept whole as the family name.
    /// </summary>
    public static (string? Family, string? Given) SplitDisplayName(string? displayName)
    {
        var name = ContactText.Clean(displayName);
        if (name is null)
        {
            return (null, null);
        }

        var space = name.LastIndexOf(' ');
        return space < 0 || ContainsCjk(name) ? (name, null) : (ContactText.Clean(name[(space + 1)..]), ContactText.Clean(name[..space]));
    }

    /// <summary>Hiragana or katakana (full- or half-width), with the long-vowel mark, middle dot and spaces.</summary>
    public static bool IsKana(string? text)
    {
        var value = ContactText.Clean(text);
        return value is not null && value.All(c => IsKanaChar(c) || c is ' ' or '\u3000' or '・' or 'ー' or '･' or 'ｰ');
    }

    public static bool ContainsCjk(string text) =>
        text.Any(c => IsKanaChar(c) || c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\uac00' and <= '\ud7af');

    private static bool IsKanaChar(char c) => c is >= '\u3041' and <= '\u30ff' or >= '\uff66' and <= '\uff9f';
}

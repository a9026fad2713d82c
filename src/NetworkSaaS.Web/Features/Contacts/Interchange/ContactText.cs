namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>Small text rules shared by the readers.</summary>
internal static class ContactText
{
    /// <summary>Trimmed text with line breaks as LF, or null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim().ReplaceLineEndings("\n");
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Non-empty values joined with <paramref name="separator"/>, or null when there are none.</summary>
    public static string? JoinNonEmpty(string separator, params IEnumerable<string?> values) =>
        Clean(string.Join(separator, values.Select(Clean).OfType<string>()));

    /// <summary>Splits a cell holding several values; empties dropped.</summary>
    public static IEnumerable<string> SplitList(string? value, params char[] separators) =>
        (value ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A Japanese postal address with its postal code in front: 〒100-0005 東京都….</summary>
    public static string? PostalAddress(string? postalCode, string? address)
    {
        var code = Clean(postalCode?.TrimStart('〒'));
        return JoinNonEmpty(" ", code is null ? null : "〒" + code, address);
    }

    /// <summary>Adds the values that are not null or blank.</summary>
    public static void AddPresent(this List<string> list, params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (Clean(value) is { } text)
            {
                list.Add(text);
            }
        }
    }
}

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Lists typed into one box: values separated by new lines, commas (also 、 and ，) or semicolons.</summary>
public static class ValueLists
{
    private static readonly char[] Separators = ['\n', '\r', ',', '、', '，', ';', '；'];
    private static readonly char[] LineSeparators = ['\n', '\r'];

    public static List<string> Split(string? text, bool linesOnly = false) =>
        [.. (text ?? "").Split(linesOnly ? LineSeparators : Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The same rule the import uses: one @, a dot in the domain, no spaces.</summary>
    public static bool IsEmail(string value) => Interchange.EmailAddresses.IsPlausible(value);
}

using System.Net.Mail;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Lists typed into one box: values separated by new lines, commas (also 、 and ，) or semicolons.</summary>
public static class ValueLists
{
    private static readonly char[] Separators = ['\n', '\r', ',', '、', '，', ';', '；'];
    private static readonly char[] LineSeparators = ['\n', '\r'];

    public static List<string> Split(string? text, bool linesOnly = false) =>
        [.. (text ?? "").Split(linesOnly ? LineSeparators : Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>A plausible email address: one @, a dot in the domain, no spaces.</summary>
    public static bool IsEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains(' ', StringComparison.Ordinal) || value.Count(c => c == '@') != 1)
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var domain = value[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.EndsWith('.') && MailAddress.TryCreate(value, out _);
    }
}

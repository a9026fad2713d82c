using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>A vCard content line after unfolding, with the physical line it starts on.</summary>
internal readonly record struct VCardLine(int Number, string Text);

internal static class VCardLines
{
    /// <summary>
    /// Joins folded lines (a line starting with a space or tab continues the previous one) and
    /// vCard 2.1 quoted-printable soft line breaks (a QUOTED-PRINTABLE value line ending in '=').
    /// </summary>
    public static IEnumerable<VCardLine> Unfold(string text)
    {
        StringBuilder? current = null;
        var number = 0;
        var quotedPrintable = false;
        foreach (var line in TextLines.Enumerate(text))
        {
            var content = line.TextIn(text);
            if (current is not null && quotedPrintable && current.Length > 0 && current[^1] == '=')
            {
                current.Length--;
                current.Append(content);
            }
            else if (current is not null && content.Length > 0 && content[0] is ' ' or '\t')
            {
                current.Append(content, 1, content.Length - 1);
            }
            else
            {
                if (current is not null)
                {
                    yield return new VCardLine(number, current.ToString());
                }

                current = new StringBuilder(content);
                number = line.Number;
                quotedPrintable = IsQuotedPrintable(content);
            }
        }

        if (current is not null)
        {
            yield return new VCardLine(number, current.ToString());
        }
    }

    private static bool IsQuotedPrintable(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && line.AsSpan(0, colon).Contains("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase);
    }
}

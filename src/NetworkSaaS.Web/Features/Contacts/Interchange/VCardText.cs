using System.Globalization;
using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>vCard value encoding: quoted-printable, backslash escapes, structured (;) and list (,) values.</summary>
internal static class VCardText
{
    /// <summary>The value's text with quoted-printable decoded (in its CHARSET) but escapes still in place.</summary>
    public static string Decoded(VCardProperty property)
    {
        var quotedPrintable = property.Parameter("ENCODING").Contains("QUOTED-PRINTABLE", StringComparer.OrdinalIgnoreCase);
        return quotedPrintable
            ? DecodeQuotedPrintable(property.RawValue, TextEncodings.ForCharset(property.Parameter("CHARSET") is [var charset, ..] ? charset : null))
            : property.RawValue;
    }

    /// <summary>
    /// Removes backslash escapes. vCard 3.0/4.0 escape \n \, \; \\ (and some writers \:); vCard 2.1 only
    /// escapes ';', so there a backslash is otherwise plain text (C:\new stays as is).
    /// </summary>
    public static string Unescape(string value, bool version21)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            if (value[i] != '\\' || !IsEscapable(next, version21))
            {
                result.Append(value[i]);
                continue;
            }

            result.Append(next is 'n' or 'N' ? '\n' : next);
            i++;
        }

        return result.ToString();
    }

    /// <summary>Splits at separators that are not escaped, leaving the escapes in each part.</summary>
    public static List<string> SplitUnescaped(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    /// <summary>Escapes a text value for vCard 4.0: backslash, comma, semicolon and line breaks.</summary>
    public static string Escape(string? value)
    {
        var result = new StringBuilder();
        foreach (var c in (value ?? "").ReplaceLineEndings("\n"))
        {
            _ = c switch
            {
                '\\' => result.Append(@"\\"),
                ',' => result.Append(@"\,"),
                ';' => result.Append(@"\;"),
                '\n' => result.Append(@"\n"),
                _ => result.Append(c),
            };
        }

        return result.ToString();
    }

    private static bool IsEscapable(char c, bool version21) =>
        version21 ? c is ';' or '\\' : c is 'n' or 'N' or ',' or ';' or '\\' or ':';

    private static string DecodeQuotedPrintable(string value, Encoding charset)
    {
        var bytes = new List<byte>(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '=' && TryParseHexByte(value, i + 1, out var b))
            {
                bytes.Add(b);
                i += 3;
                continue;
            }

            var next = value.IndexOf('=', i + 1);
            var end = next < 0 ? value.Length : next;
            bytes.AddRange(charset.GetBytes(value[i..end]));
            i = end;
        }

        return charset.GetString([.. bytes]);
    }

    private static bool TryParseHexByte(string value, int start, out byte result)
    {
        result = 0;
        return start + 2 <= value.Length
            && byte.TryParse(value.AsSpan(start, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result);
    }
}

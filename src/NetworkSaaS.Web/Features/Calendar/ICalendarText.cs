using System.Globalization;
using System.Text;

namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// RFC 5545 text: lines end in CRLF and are folded so that no line is longer than 75 octets of UTF-8 (never inside a
/// multi-byte character: a Japanese name folds between characters); TEXT values escape backslash, semicolon, comma and
/// newlines (§3.3.11).
/// </summary>
public sealed class ICalendarText
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    public void Line(string name, string value)
    {
        var line = name + ":" + value;
        var octets = 0;
        var limit = MaxOctets;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space of a continuation line counts
            }

            _text.Append(element);
            octets += size;
        }

        _text.Append("\r\n");
    }

    public void Text(string name, string value) => Line(name, Escape(value));

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);
    }

    public static string Date(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string UtcTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();
}

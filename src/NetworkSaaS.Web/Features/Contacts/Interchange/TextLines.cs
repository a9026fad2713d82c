using System.Buffers;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>A physical line: its 1-based number, where its text starts and ends, and where the next line starts.</summary>
internal readonly record struct TextLine(int Number, int Start, int Length, int NextStart)
{
    public string TextIn(string text) => text.Substring(Start, Length);
}

/// <summary>Physical lines as a text editor counts them: CRLF, LF and a lone CR each end one line.</summary>
internal static class TextLines
{
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    public static IEnumerable<TextLine> Enumerate(string text)
    {
        var number = 1;
        var position = 0;
        while (position < text.Length)
        {
            var end = text.AsSpan(position).IndexOfAny(LineBreaks);
            if (end < 0)
            {
                yield return new TextLine(number, position, text.Length - position, text.Length);
                yield break;
            }

            end += position;
            var next = end + BreakLength(text, end);
            yield return new TextLine(number++, position, end - position, next);
            position = next;
        }
    }

    /// <summary>2 for CRLF at <paramref name="index"/>, else 1.</summary>
    public static int BreakLength(string text, int index) =>
        text[index] == '\r' && index + 1 < text.Length && text[index + 1] == '\n' ? 2 : 1;
}

using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>One CSV record and the physical lines it starts and ends on.</summary>
/// <param name="Unterminated">A quoted field was still open when the text ended.</param>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, bool Unterminated)
{
    public int LastLineNumber { get; init; } = LineNumber;

    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// RFC 4180 records: a field that starts with a quote may hold commas, doubled quotes and line breaks
/// (CRLF, LF or CR; kept as LF). Lenient where real exports are sloppy: a quote elsewhere is plain text.
/// </summary>
internal sealed class CsvRecordReader(string text, int startPosition, int startLineNumber)
{
    private enum FieldEnd
    {
        Comma,
        LineBreak,
        EndOfText,
        UnterminatedQuote,
    }

    private int _position = startPosition;
    private int _lineNumber = startLineNumber;

    public static CsvRecord ReadLine(string line) => new CsvRecordReader(line, 0, 1).ReadRecord();

    public IEnumerable<CsvRecord> ReadAll()
    {
        while (_position < text.Length)
        {
            yield return ReadRecord();
        }
    }

    private CsvRecord ReadRecord()
    {
        var lineNumber = _lineNumber;
        var fields = new List<string>();
        while (true)
        {
            var (value, end) = ReadField();
            fields.Add(value);
            if (end != FieldEnd.Comma)
            {
                // A line break has already moved the count to the next line.
                var last = end == FieldEnd.LineBreak ? _lineNumber - 1 : _lineNumber;
                return new CsvRecord(lineNumber, fields, end == FieldEnd.UnterminatedQuote) { LastLineNumber = last };
            }
        }
    }

    private (string Value, FieldEnd End) ReadField()
    {
        var value = new StringBuilder();
        if (_position < text.Length && text[_position] == '"')
        {
            _position++;
            if (!ReadQuoted(value))
            {
                return (value.ToString(), FieldEnd.UnterminatedQuote);
            }
        }

        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == ',')
            {
                _position++;
                return (value.ToString(), FieldEnd.Comma);
            }

            if (c is '\r' or '\n')
            {
                SkipLineBreak();
                return (value.ToString(), FieldEnd.LineBreak);
            }

            value.Append(c);
            _position++;
        }

        return (value.ToString(), FieldEnd.EndOfText);
    }

    /// <summary>Reads up to and past the closing quote; false when the text ends first.</summary>
    private bool ReadQuoted(StringBuilder value)
    {
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '"')
            {
                if (_position + 1 < text.Length && text[_position + 1] == '"')
                {
                    value.Append('"');
                    _position += 2;
                    continue;
                }

                _position++;
                return true;
            }

            if (c is '\r' or '\n')
            {
                SkipLineBreak();
                value.Append('\n');
                continue;
            }

            value.Append(c);
            _position++;
        }

        return false;
    }

    private void SkipLineBreak()
    {
        _position += TextLines.BreakLength(text, _position);
        _lineNumber++;
    }
}

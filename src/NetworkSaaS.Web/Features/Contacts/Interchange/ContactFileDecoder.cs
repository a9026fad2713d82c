using System.Text;
using System.Text.Unicode;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <param name="Undecodable">Lines whose bytes are not text in <paramref name="EncodingName"/>; their text is left empty, so every line keeps its number.</param>
internal readonly record struct DecodedText(string Text, string EncodingName, IReadOnlyList<RejectedRecord> Undecodable);

/// <summary>
/// Turns the bytes of an uploaded file into text: UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-31J
/// (Shift_JIS). Decoding is per line, so a line with bytes that are not text is rejected with its number and the rest
/// is kept; without a BOM the encoding is the one under which fewer lines fail (UTF-8 when as few).
/// </summary>
internal static class ContactFileDecoder
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    public static DecodedText Decode(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxBytes)
        {
            throw new ContactFileException(ContactFileProblem.TooLarge, $"{content.Length} bytes");
        }

        var decoded = DecodeBytes(content);
        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            throw decoded.Undecodable.Count > 0 ? Unreadable(decoded.Undecodable[0]) : new ContactFileException(ContactFileProblem.Empty);
        }

        // NUL never occurs in text exports; it means a binary file or UTF-16 without a BOM, which strict decoding cannot catch.
        if (decoded.Text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ContactFileException(ContactFileProblem.UnreadableEncoding, "binary content");
        }

        return decoded;
    }

    /// <summary>The whole file refused because of <paramref name="line"/> (nothing else in it could be read).</summary>
    public static ContactFileException Unreadable(RejectedRecord line) =>
        new(ContactFileProblem.UnreadableEncoding, $"line {line.LineNumber}: {line.Detail}");

    private static DecodedText DecodeBytes(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
        {
            return ByLine(content[Utf8Bom.Length..], TextEncodings.StrictUtf8, "UTF-8 (BOM)", LineBreaks.Kind.SingleByte);
        }

        if (content.StartsWith(Utf16LittleEndianBom))
        {
            return ByLine(content[2..], TextEncodings.StrictUtf16LittleEndian, "UTF-16 (BOM)", LineBreaks.Kind.Utf16LittleEndian);
        }

        if (content.StartsWith(Utf16BigEndianBom))
        {
            return ByLine(content[2..], TextEncodings.StrictUtf16BigEndian, "UTF-16 (BOM)", LineBreaks.Kind.Utf16BigEndian);
        }

        var invalidUtf8Lines = CountInvalidUtf8Lines(content);
        if (invalidUtf8Lines == 0)
        {
            return new DecodedText(TextEncodings.StrictUtf8.GetString(content), "UTF-8", []);
        }

        var windows31J = ByLine(content, TextEncodings.Windows31J, "Shift_JIS", LineBreaks.Kind.SingleByte);
        return windows31J.Undecodable.Count < invalidUtf8Lines
            ? windows31J
            : ByLine(content, TextEncodings.StrictUtf8, "UTF-8", LineBreaks.Kind.SingleByte);
    }

    private static int CountInvalidUtf8Lines(ReadOnlySpan<byte> content)
    {
        var invalid = 0;
        foreach (var line in new LineBreaks(content, LineBreaks.Kind.SingleByte))
        {
            if (!Utf8.IsValid(content.Slice(line.Start, line.Length)))
            {
                invalid++;
            }
        }

        return invalid;
    }

    private static DecodedText ByLine(ReadOnlySpan<byte> content, Encoding encoding, string encodingName, LineBreaks.Kind kind)
    {
        var text = new StringBuilder(content.Length);
        var undecodable = new List<RejectedRecord>();
        foreach (var line in new LineBreaks(content, kind))
        {
            try
            {
                text.Append(encoding.GetString(content.Slice(line.Start, line.Length)));
            }
            catch (DecoderFallbackException e)
            {
                var bytes = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(' ', unknown.Select(b => $"0x{b:X2}")) : "?";
                undecodable.Add(new RejectedRecord(line.Number, RejectReason.UndecodableBytes, $"{encodingName}: {bytes}"));
            }

            text.Append(line.Break);
        }

        return new DecodedText(text.ToString(), encodingName, undecodable);
    }
}

/// <summary>
/// The physical lines of undecoded bytes, counted as <see cref="TextLines"/> counts them in text (CRLF, LF and a
/// lone CR each end one line). In UTF-8 and Windows-31J the bytes 0x0A and 0x0D are never part of a character, so
/// lines can be cut before decoding; in UTF-16 they are whole code units.
/// </summary>
internal ref struct LineBreaks
{
    public enum Kind
    {
        SingleByte,
        Utf16LittleEndian,
        Utf16BigEndian,
    }

    private readonly ReadOnlySpan<byte> _content;
    private readonly Kind _kind;
    private readonly int _unit;
    private int _position;
    private int _number;

    public LineBreaks(ReadOnlySpan<byte> content, Kind kind)
    {
        _content = content;
        _kind = kind;
        _unit = kind == Kind.SingleByte ? 1 : 2;
    }

    /// <param name="Start">First byte of the line.</param>
    /// <param name="Length">Bytes before the line break.</param>
    /// <param name="Break">The line break as text ("\r\n", "\n", "\r", or "" at the end).</param>
    public readonly record struct Line(int Number, int Start, int Length, string Break);

    public Line Current { get; private set; }

    public readonly LineBreaks GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_position >= _content.Length)
        {
            return false;
        }

        var start = _position;
        for (var i = start; i + _unit <= _content.Length; i += _unit)
        {
            var unit = UnitAt(i);
            if (unit is '\r' or '\n')
            {
                var crlf = unit == '\r' && i + (2 * _unit) <= _content.Length && UnitAt(i + _unit) == '\n';
                _position = i + (crlf ? 2 * _unit : _unit);
                Current = new Line(++_number, start, i - start, crlf ? "\r\n" : unit == '\r' ? "\r" : "\n");
                return true;
            }
        }

        _position = _content.Length;
        Current = new Line(++_number, start, _content.Length - start, "");
        return true;
    }

    private readonly int UnitAt(int index) => _kind switch
    {
        Kind.SingleByte => _content[index],
        Kind.Utf16LittleEndian => _content[index] | (_content[index + 1] << 8),
        _ => (_content[index] << 8) | _content[index + 1],
    };
}

using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

internal readonly record struct DecodedText(string Text, string EncodingName);

/// <summary>Turns the bytes of an uploaded file into text: UTF-8 with or without BOM, else Windows-31J (Shift_JIS).</summary>
internal static class ContactFileDecoder
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static DecodedText Decode(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxBytes)
        {
            throw new ContactFileException(ContactFileProblem.TooLarge, $"{content.Length} bytes");
        }

        var decoded = DecodeBytes(content);
        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            throw new ContactFileException(ContactFileProblem.Empty);
        }

        // NUL never occurs in text exports; it means a binary file or UTF-16, which strict decoding cannot catch.
        if (decoded.Text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ContactFileException(ContactFileProblem.UnreadableEncoding, "binary content");
        }

        return decoded;
    }

    private static DecodedText DecodeBytes(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
        {
            return new DecodedText(
                TryDecode(TextEncodings.StrictUtf8, content[Utf8Bom.Length..]) ?? throw Unreadable("invalid UTF-8 after a BOM"),
                "UTF-8 (BOM)");
        }

        if (TryDecode(TextEncodings.StrictUtf8, content) is { } utf8)
        {
            return new DecodedText(utf8, "UTF-8");
        }

        return TryDecode(TextEncodings.StrictShiftJis, content) is { } shiftJis
            ? new DecodedText(shiftJis, "Shift_JIS")
            : throw Unreadable("neither UTF-8 nor Shift_JIS");
    }

    private static string? TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static ContactFileException Unreadable(string detail) => new(ContactFileProblem.UnreadableEncoding, detail);
}

using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>The text encodings import files come in; registers the Windows code pages once.</summary>
internal static class TextEncodings
{
    // An explicit static constructor (not field initializers) so the provider is registered
    // before any member, including ForCharset, asks for a code page.
    static TextEncodings()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows31J = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, new Windows31JDecoderFallback());
    }

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding StrictUtf16LittleEndian { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);

    public static Encoding StrictUtf16BigEndian { get; } = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Windows-31J (code page 932), which is what Japanese Windows and Excel call Shift_JIS, decoded as Windows decodes
    /// it (see <see cref="Windows31JDecoderFallback"/>); bytes Windows cannot decode throw <see cref="DecoderFallbackException"/>.
    /// </summary>
    public static Encoding Windows31J { get; }

    /// <summary>The encoding named by a vCard CHARSET parameter; UTF-8 when absent or unknown.</summary>
    public static Encoding ForCharset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}

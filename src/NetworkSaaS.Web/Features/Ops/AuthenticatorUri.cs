using QRCoder;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>The otpauth:// URI authenticator apps read (Key Uri Format), shown as a QR code and as grouped text.</summary>
public static class AuthenticatorUri
{
    public const string Issuer = "NetworkSaaS operations";

    public static string For(string account, string base32Key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={base32Key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    public static string Grouped(string base32Key) =>
        string.Join(' ', base32Key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}

using QRCoder;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// How an authenticator key is shown for enrollment, to tenant users and to platform operators alike: the otpauth://
/// address (Key Uri Format) as a QR code, and the key as text people can type.
/// </summary>
public static class AuthenticatorKeyDisplay
{
    /// <summary>The key as people copy it by hand: lowercase groups of four.</summary>
    public static string Grouped(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    }

    /// <summary>The otpauth:// address as a PNG data URI (the CSP allows data: images, not inline SVG styles).</summary>
    public static string QrCodeDataUri(string issuer, string account, string key)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}

using QRCoder;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>The card's address as a QR code image (PNG), served from its own URL: the page's CSP allows no inline data but images of 'self'.</summary>
public static class CardQrCode
{
    public const string MediaType = "image/png";

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}

using System.IO.Compression;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace NetworkSaaS.Tests.Cards;

/// <summary>Reads the QR code in a PNG the app served: decodes the PNG (1-bit grey or palette, unfiltered rows, as QRCoder writes it) and hands the pixels to ZXing.</summary>
internal static class QrPng
{
    public static string Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = (png[offset] << 24) | (png[offset + 1] << 16) | (png[offset + 2] << 8) | png[offset + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
                    height = (data[4] << 24) | (data[5] << 16) | (data[6] << 8) | data[7];
                    bitDepth = data[8];
                    colorType = data[9];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        Assert.Equal(1, bitDepth);
        Assert.True(colorType is 0 or 3, $"colour type {colorType}");
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = (width + 7) / 8;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = y * (stride + 1);
            Assert.Equal(0, raw[row]); // filter type None
            for (var x = 0; x < width; x++)
            {
                var bit = (raw[row + 1 + (x / 8)] >> (7 - (x % 8))) & 1;
                pixels[(y * width) + x] = colorType == 0
                    ? (byte)(bit * 255)
                    : (byte)((palette![bit * 3] + palette[(bit * 3) + 1] + palette[(bit * 3) + 2]) / 3);
            }
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }
}

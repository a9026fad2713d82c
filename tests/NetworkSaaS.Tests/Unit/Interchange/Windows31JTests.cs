using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

/// <summary>Windows-31J as Windows decodes it, whichever of its duplicate codes the exporting program chose.</summary>
public sealed class Windows31JTests
{
    private static string Decode(params byte[] bytes) => TextEncodings.Windows31J.GetString(bytes);

    [Theory]
    [InlineData(new byte[] { 0x87, 0x40 }, "①")] // NEC special characters (row 13)
    [InlineData(new byte[] { 0x87, 0x8A }, "㈱")]
    [InlineData(new byte[] { 0x87, 0x82 }, "№")]
    [InlineData(new byte[] { 0x87, 0x54 }, "Ⅰ")]
    [InlineData(new byte[] { 0x87, 0x90 }, "≒")] // NEC's copy of 81E0
    [InlineData(new byte[] { 0xFA, 0x58 }, "㈱")] // IBM extension copies of NEC characters
    [InlineData(new byte[] { 0xFA, 0x4A }, "Ⅰ")]
    [InlineData(new byte[] { 0xFA, 0x40 }, "ⅰ")]
    [InlineData(new byte[] { 0xFA, 0x54 }, "￢")]
    [InlineData(new byte[] { 0xFB, 0xFC }, "髙")] // IBM extension
    [InlineData(new byte[] { 0xEE, 0xE0 }, "髙")] // the same character in the NEC-selected IBM extension rows
    [InlineData(new byte[] { 0xED, 0x40 }, "纊")]
    [InlineData(new byte[] { 0xEE, 0xEF }, "ⅰ")]
    [InlineData(new byte[] { 0xEE, 0xF9 }, "￢")]
    [InlineData(new byte[] { 0x81, 0xCA }, "￢")]
    [InlineData(new byte[] { 0xB6, 0xC5 }, "ｶﾅ")] // half-width katakana
    [InlineData(new byte[] { 0x81, 0x60 }, "～")] // WAVE DASH as Windows maps it (FULLWIDTH TILDE)
    public void Every_encoding_of_a_character_decodes_as_on_Windows(byte[] bytes, string expected) =>
        Assert.Equal(expected, Decode(bytes));

    [Fact]
    public void Every_NEC_selected_IBM_extension_code_decodes_to_the_character_of_an_IBM_extension_code()
    {
        var ibm = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (lead, trail) in Codes(0xFA, 0xFC))
        {
            if ((lead << 8 | trail) <= 0xFC4B)
            {
                ibm.Add(Decode((byte)lead, (byte)trail));
            }
        }

        var necSelected = Codes(0xED, 0xEE).Where(c => (c.Lead << 8 | c.Trail) <= 0xEEFC && (c.Lead << 8 | c.Trail) is < 0xEEED or > 0xEEEE).ToList();
        Assert.Equal(374, necSelected.Count);
        Assert.All(necSelected, c => Assert.Contains(Decode((byte)c.Lead, (byte)c.Trail), ibm));
    }

    [Fact]
    public void The_codes_Dotnet_decodes_only_by_best_fit_are_the_398_Windows_duplicates() =>
        Assert.Equal(398, new Windows31JDecoderFallback().Count);

    [Theory]
    [InlineData(new byte[] { 0x85, 0x40 })] // an unassigned row
    [InlineData(new byte[] { 0xEE, 0xED })] // a gap in the NEC-selected rows
    [InlineData(new byte[] { 0x81, 0x0A })] // a lead byte followed by a line feed
    [InlineData(new byte[] { 0x41, 0x81 })] // a lead byte at the end
    public void Bytes_Windows_cannot_decode_still_fail(byte[] bytes) =>
        Assert.Throws<DecoderFallbackException>(() => Decode(bytes));

    [Fact]
    public void A_file_mixing_encoders_reads_every_character_and_rejects_only_its_broken_line()
    {
        byte[] content =
        [
            .. Sjis("会社名,部署名,役職,姓,名,e-mail,TEL会社\r\n"),
            .. Sjis("Takahashi Shoji,,,"), 0xFB, 0xFC, .. Sjis(",Ichiro,ichiro@takahashi.example,\r\n"), // 髙 as IBM (FBFC)
            .. Sjis("Takahashi Shoji,,,"), 0xEE, 0xE0, .. Sjis(",Jiro,jiro@takahashi.example,\r\n"), // 髙 as NEC-selected IBM (EEE0)
            .. Sjis("Broken KK,,,Bad"), 0x85, 0x40, .. Sjis(",Line,bad@broken.example,\r\n"), // unassigned: no character
            0xFA, 0x58, .. Sjis("Sakura,"), 0x87, 0x40, .. Sjis(",,Kana,"), 0xB6, 0xC5, .. Sjis(",kana@sakura.example,\r\n"),
        ];
        var result = ContactFileReader.Read(content, "meishi.csv");

        Assert.Equal("Shift_JIS", result.EncodingName);
        Assert.Equal(["髙", "髙", "Kana"], result.Contacts.Select(c => c.FamilyName));
        Assert.Equal("㈱Sakura", result.Contacts[2].CompanyName);
        Assert.Equal("①", result.Contacts[2].Department);
        Assert.Equal("ｶﾅ", result.Contacts[2].GivenName);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((4, RejectReason.UndecodableBytes), (rejected.LineNumber, rejected.Reason));
        Assert.Contains("0x85 0x40", rejected.Detail, StringComparison.Ordinal);
    }

    /// <summary>Text without the duplicate codes, as any encoder writes it.</summary>
    private static byte[] Sjis(string text) => ShiftJis.GetBytes(text);

    private static IEnumerable<(int Lead, int Trail)> Codes(int firstLead, int lastLead) =>
        from lead in Enumerable.Range(firstLead, lastLead - firstLead + 1)
        from trail in Enumerable.Range(0x40, 0xFC - 0x40 + 1)
        where trail != 0x7F
        select (lead, trail);
}

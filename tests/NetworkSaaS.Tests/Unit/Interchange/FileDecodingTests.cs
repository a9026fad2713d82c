using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class FileDecodingTests
{
    [Fact]
    public void A_UTF8_file_with_BOM_is_reported_as_such()
    {
        var result = ReadSample("linkedin-Connections.csv");

        Assert.Equal("UTF-8 (BOM)", result.EncodingName);
        Assert.Equal("Haruka", result.Contacts[0].GivenName);
    }

    [Fact]
    public void A_UTF8_file_without_BOM_is_recognised_by_strict_decoding()
    {
        var result = ReadSample("ios-contacts.vcf");

        Assert.Equal("UTF-8", result.EncodingName);
        Assert.Equal("高橋", result.Contacts[0].FamilyName);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_read_as_Shift_JIS()
    {
        var result = ReadSample("eight-meishi.csv");

        Assert.Equal("Shift_JIS", result.EncodingName);
        Assert.Equal("山田", result.Contacts[0].FamilyName);
    }

    [Fact]
    public void The_same_CSV_with_and_without_BOM_reads_the_same_contacts()
    {
        var text = SampleText("linkedin-Connections.csv", Encoding.UTF8);
        var withBom = ContactFileReader.Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)], "a.csv");
        var withoutBom = ContactFileReader.Read(Encoding.UTF8.GetBytes(text), "a.csv");

        Assert.Equal("UTF-8 (BOM)", withBom.EncodingName);
        Assert.Equal("UTF-8", withoutBom.EncodingName);
        Assert.Equal(withBom.Contacts.Select(c => (c.LineNumber, c.FamilyName)), withoutBom.Contacts.Select(c => (c.LineNumber, c.FamilyName)));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x09, 0x0A })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x0D, 0x0A })]
    public void An_empty_or_blank_file_is_refused_as_empty(byte[] content) =>
        Assert.Equal(ContactFileProblem.Empty, ReadFails(content).Problem);

    [Theory]
    [InlineData(new byte[] { 0x61, 0x2C, 0x81, 0x0A, 0x62 })] // a Shift_JIS lead byte followed by a line feed
    [InlineData(new byte[] { 0x61, 0x85, 0x40 })] // an unassigned Shift_JIS code
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xC3, 0x28 })] // a BOM, then broken UTF-8
    public void Bytes_that_are_neither_UTF8_nor_Shift_JIS_where_no_line_can_be_read_are_refused(byte[] content) =>
        Assert.Equal(ContactFileProblem.UnreadableEncoding, ReadFails(content).Problem);

    [Fact]
    public void A_UTF16_file_with_a_BOM_is_read_and_one_without_is_refused_rather_than_read_as_garbage()
    {
        const string text = "First Name,Last Name,Company\r\nHaruka,Tanaka,髙島屋\r\n";
        var littleEndian = ContactFileReader.Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], "a.csv");
        var bigEndian = ContactFileReader.Read([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)], "a.csv");

        Assert.Equal("UTF-16 (BOM)", littleEndian.EncodingName);
        Assert.Equal(("Tanaka", "髙島屋"), (littleEndian.Contacts[0].FamilyName, littleEndian.Contacts[0].CompanyName));
        Assert.Equal(("Tanaka", "髙島屋"), (bigEndian.Contacts[0].FamilyName, bigEndian.Contacts[0].CompanyName));
        Assert.Equal(ContactFileProblem.UnreadableEncoding, ReadFails(Encoding.Unicode.GetBytes(text)).Problem);
    }

    [Fact]
    public void A_UTF8_line_with_bytes_that_are_not_UTF8_is_rejected_with_its_number_and_every_other_line_is_kept()
    {
        byte[] content =
        [
            .. Encoding.UTF8.GetBytes("First Name,Last Name,Company\r\nHaruka,Tanaka,髙島屋\r\n"),
            .. Encoding.UTF8.GetBytes("Broken,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",Globex\r\n"),
            .. Encoding.UTF8.GetBytes("Daniel,Okafor,株式会社さくら\r\n"),
        ];

        var result = ContactFileReader.Read(content, "Connections.csv");

        Assert.Equal("UTF-8", result.EncodingName);
        Assert.Equal(["Tanaka", "Okafor"], result.Contacts.Select(c => c.FamilyName));
        Assert.Equal([2, 4], result.Contacts.Select(c => c.LineNumber));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((3, RejectReason.UndecodableBytes), (rejected.LineNumber, rejected.Reason));
        Assert.StartsWith("UTF-8: 0xC3", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vcard_with_an_undecodable_line_is_rejected_and_the_other_cards_are_kept()
    {
        byte[] content =
        [
            .. ShiftJis.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nEND:VCARD\r\n"),
            .. ShiftJis.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nN:"), 0x85, 0x40, .. ShiftJis.GetBytes(";花子;;;\r\nEND:VCARD\r\n"),
            .. ShiftJis.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nN:"), 0xFB, 0xFC, .. ShiftJis.GetBytes("橋;次郎;;;\r\nEND:VCARD\r\n"),
        ];

        var result = ContactFileReader.Read(content, "contacts.vcf");

        Assert.Equal("Shift_JIS", result.EncodingName);
        Assert.Equal(["山田", "髙橋"], result.Contacts.Select(c => c.FamilyName));
        Assert.Equal((7, RejectReason.UndecodableBytes), (Assert.Single(result.Rejected).LineNumber, result.Rejected[0].Reason));
    }

    [Fact]
    public void An_undecodable_line_in_a_preamble_is_reported_and_the_records_below_it_are_read()
    {
        byte[] content =
        [
            .. ShiftJis.GetBytes("11月20日にEightで生成された名刺リストです。"), 0x85, 0x40, .. ShiftJis.GetBytes("\r\n\r\n"),
            .. ShiftJis.GetBytes("会社名,部署名,役職,姓,名,e-mail,TEL会社\r\n株式会社さくら,,,山田,太郎,t.yamada@sakura.example,\r\n"),
        ];

        var result = ContactFileReader.Read(content, "eight.csv");

        Assert.Equal(ContactFileFormat.Eight, result.Format);
        Assert.Equal("太郎", Assert.Single(result.Contacts).GivenName);
        Assert.Equal((1, RejectReason.UndecodableBytes), (Assert.Single(result.Rejected).LineNumber, result.Rejected[0].Reason));
    }

    [Fact]
    public void A_file_over_20_MB_is_refused_before_it_is_decoded()
    {
        var content = new byte[(20 * 1024 * 1024) + 1];
        content.AsSpan().Fill((byte)'a');

        Assert.Equal(ContactFileProblem.TooLarge, ReadFails(content).Problem);
        Assert.Equal(20 * 1024 * 1024, ContactFileReader.MaxFileBytes);
    }

    [Fact]
    public void A_file_of_an_unknown_shape_is_refused_with_its_name()
    {
        var failure = ReadFails(Encoding.UTF8.GetBytes("name,phone\r\nTanaka,03-1234-5678\r\n"), "uploads/people.csv");

        Assert.Equal(ContactFileProblem.UnknownFormat, failure.Problem);
        Assert.Equal("people.csv", failure.Detail);
    }

    [Fact]
    public void The_format_comes_from_the_content_not_the_file_name()
    {
        Assert.Equal(ContactFileFormat.LinkedIn, ContactFileReader.Read(Sample("linkedin-Connections.csv"), "contacts.vcf").Format);
        Assert.Equal(ContactFileFormat.VCard, ContactFileReader.Read(Sample("ios-contacts.vcf"), "contacts.csv").Format);
        Assert.Equal(ContactFileFormat.Eight, ContactFileReader.Read(Sample("eight-meishi.csv"), "export.txt").Format);
    }
}

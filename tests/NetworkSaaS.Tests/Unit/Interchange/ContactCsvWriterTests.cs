using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ExportedContacts;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class ContactCsvWriterTests
{
    [Fact]
    public void The_export_is_UTF8_with_BOM_the_template_header_and_CRLF()
    {
        var bytes = ContactCsvWriter.Write([NameOnly]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(ContactFileReader.GenericCsvTemplateHeader + "\r\n" + "鈴木,,,,,,,,,,,,,\r\n", text);
    }

    [Fact]
    public void Cells_with_commas_quotes_or_line_breaks_are_quoted_per_RFC_4180()
    {
        var contact = NameOnly with { CompanyName = "Globex, Inc.", Title = "The \"Boss\"", Notes = "line 1\nline 2", MetOn = new DateOnly(2024, 1, 2) };

        var text = Encoding.UTF8.GetString(ContactCsvWriter.Write([contact])[3..]);

        Assert.EndsWith("鈴木,,,,\"Globex, Inc.\",,\"The \"\"Boss\"\"\",,,,,,\"line 1\nline 2\",2024-01-02\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+81 3-1234-5678")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_cell_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(string value)
    {
        var contact = NameOnly with { Title = value };

        var bytes = ContactCsvWriter.Write([contact]);
        var read = Assert.Single(ContactFileReader.Read(bytes, "export.csv").Contacts);

        Assert.Contains("'" + value[0], Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("'" + value.Replace('\r', '\n'), read.Title); // kept: the reader never strips it (line breaks are read as LF)
    }

    [Fact]
    public void Only_the_first_character_of_a_cell_decides_and_list_cells_are_checked_as_a_whole()
    {
        var contact = NameOnly with { Title = "Head of R&D = innovation", Phones = ["+81 90-0000-0000", "03-0000-0000"], Emails = ["a@example.com"] };

        var read = Assert.Single(ContactFileReader.Read(ContactCsvWriter.Write([contact]), "export.csv").Contacts);

        Assert.Equal("Head of R&D = innovation", read.Title);
        Assert.Equal(["'+81 90-0000-0000", "03-0000-0000"], read.Phones);
        Assert.Equal(["a@example.com"], read.Emails);
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        var contacts = new[] { Japanese, Western, NameOnly };

        var result = ContactFileReader.Read(ContactCsvWriter.Write(contacts), "export.csv");

        Assert.Equal((ContactFileFormat.GenericCsv, "UTF-8 (BOM)"), (result.Format, result.EncodingName));
        Assert.Empty(result.Rejected);
        Assert.Equal([2, 5, 6], result.Contacts.Select(c => c.LineNumber)); // the first record spans 3 lines (address and notes)
        for (var i = 0; i < contacts.Length; i++)
        {
            AssertRoundTripped(contacts[i], result.Contacts[i], withUid: false);
        }
    }
}

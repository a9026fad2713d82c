using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

/// <summary>Record boundaries, line numbers and per-record rejections, on the generic template and LinkedIn.</summary>
public sealed class CsvRecordTests
{
    private static readonly string Header = ContactFileReader.GenericCsvTemplateHeader;

    [Fact]
    public void A_bad_email_rejects_only_its_row_with_its_line_number()
    {
        var result = ReadLines(
            "template.csv",
            Header,
            "Sato,Ken,,,,,,ken@example.com,,,,,,",
            "Ito,Mai,,,,,,mai@example;mai@example.com,,,,,,",
            "Mori,Jun,,,,,,jun@example.com,,,,,,");

        Assert.Equal(["Sato", "Mori"], result.Contacts.Select(c => c.FamilyName!));
        Assert.Equal([2, 4], result.Contacts.Select(c => c.LineNumber));
        Assert.Equal(new RejectedRecord(3, RejectReason.InvalidEmail, "mai@example"), Assert.Single(result.Rejected));
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("two@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("space in@example.com")]
    [InlineData("no-dot@localhost")]
    [InlineData("dot-at-end@example.")]
    [InlineData("Name <name@example.com>")]
    [InlineData("@example.com")]
    public void Implausible_email_addresses_are_rejected(string email)
    {
        var result = ReadText($"{Header}\r\nSato,Ken,,,,,,\"{email}\",,,,,,\r\n");

        Assert.Equal(new RejectedRecord(2, RejectReason.InvalidEmail, email), Assert.Single(result.Rejected));
    }

    [Fact]
    public void A_bad_date_rejects_the_row_with_the_text_as_detail()
    {
        var result = ReadLines(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "Ann,Lee,,,Acme,CEO,15 Jan 2023",
            "Bob,Ray,,,Acme,CTO,31 Feb 2023",
            "Cy,Oh,,,Acme,CFO,yesterday");

        Assert.Equal("Lee", Assert.Single(result.Contacts).FamilyName);
        Assert.Equal(
            [new RejectedRecord(3, RejectReason.InvalidDate, "31 Feb 2023"), new RejectedRecord(4, RejectReason.InvalidDate, "yesterday")],
            result.Rejected);
    }

    [Fact]
    public void A_row_with_more_columns_than_the_header_is_rejected()
    {
        var result = ReadLines(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "Ann,Lee,,,Globex, Inc.,CEO,15 Jan 2023",
            "Bob,Ray,,,Acme,CTO,15 Jan 2023");

        Assert.Equal(new RejectedRecord(2, RejectReason.TooManyColumns, "8/7"), Assert.Single(result.Rejected));
        Assert.Equal("Ray", Assert.Single(result.Contacts).FamilyName);
    }

    [Fact]
    public void A_row_with_fewer_columns_reads_the_missing_ones_as_empty()
    {
        var result = ReadLines("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On", "Ann,Lee");

        var ann = Assert.Single(result.Contacts);
        Assert.Equal(("Lee", null, null), (ann.FamilyName, ann.CompanyName, ann.MetOn));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void A_multi_line_quoted_note_keeps_the_following_line_numbers_right(string newLine)
    {
        var text = string.Join(
            newLine,
            Header,
            "Sato,Ken,,,,,,,,,,,\"first line",
            "second, with comma",
            "\"\"quoted\"\" third\",",
            "",
            "Mori,Jun,,,,,,bad-email,,,,,,",
            "Ito,Mai,,,,,,,,,,,,") + newLine;

        var result = ReadText(text);

        Assert.Equal([(2, "Sato"), (7, "Ito")], result.Contacts.Select(c => (c.LineNumber, c.FamilyName!)));
        Assert.Equal("first line\nsecond, with comma\n\"quoted\" third", result.Contacts[0].Notes);
        Assert.Equal(new RejectedRecord(6, RejectReason.InvalidEmail, "bad-email"), Assert.Single(result.Rejected));
    }

    [Fact]
    public void A_row_without_any_name_is_rejected_and_blank_rows_are_skipped()
    {
        var result = ReadLines("template.csv", Header, ",,,,Acme,,,,,,,,,", "", ",,,,,,,,,,,,,", "Sato,,,,,,,,,,,,,");

        Assert.Equal(new RejectedRecord(2, RejectReason.MissingName, null), Assert.Single(result.Rejected));
        Assert.Equal(5, Assert.Single(result.Contacts).LineNumber);
    }

    [Fact]
    public void Values_over_the_length_limits_reject_the_row()
    {
        var longTitle = new string('x', 1_001);
        var longNotes = new string('n', 10_001);
        var maxNotes = new string('n', 10_000);

        var result = ReadLines(
            "template.csv",
            Header,
            $"A,,,,,,{longTitle},,,,,,,",
            $"B,,,,,,,,,,,,{longNotes},",
            $"C,,,,,,{new string('x', 1_000)},,,,,,{maxNotes},",
            $"D,,,,,,,,,,,{longTitle},,");

        Assert.Equal(
            [
                new RejectedRecord(2, RejectReason.ValueTooLong, "Title"),
                new RejectedRecord(3, RejectReason.ValueTooLong, "Notes"),
                new RejectedRecord(5, RejectReason.ValueTooLong, "Tags"),
            ],
            result.Rejected);
        Assert.Equal("C", Assert.Single(result.Contacts).FamilyName);
    }

    [Fact]
    public void An_unterminated_quote_rejects_the_rest_as_malformed_from_where_it_starts()
    {
        var result = ReadLines("template.csv", Header, "Sato,Ken,,,,,,,,,,,,", "Mori,\"Jun,,,,,,,,,,,,", "Ito,Mai,,,,,,,,,,,,");

        Assert.Equal("Sato", Assert.Single(result.Contacts).FamilyName);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((3, RejectReason.MalformedRecord), (rejected.LineNumber, rejected.Reason));
    }

    [Fact]
    public void Values_are_trimmed_and_blank_ones_become_null()
    {
        var result = ReadLines("template.csv", Header, "  Sato  , Ken ,  ,,   ,,,,,,,,  ,");

        var sato = Assert.Single(result.Contacts);
        Assert.Equal(("Sato", "Ken", null, null, null), (sato.FamilyName, sato.GivenName, sato.FamilyNameKana, sato.CompanyName, sato.Notes));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_plain_text()
    {
        var result = ReadLines("template.csv", Header, "O\"Brien,Pat,,,Acme 5\" Co,,,,,,,,,");

        var pat = Assert.Single(result.Contacts);
        Assert.Equal(("O\"Brien", "Acme 5\" Co"), (pat.FamilyName, pat.CompanyName));
    }
}

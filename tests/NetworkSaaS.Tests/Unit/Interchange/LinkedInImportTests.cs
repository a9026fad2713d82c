using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class LinkedInImportTests
{
    [Fact]
    public void The_LinkedIn_sample_is_read_below_its_Notes_preamble()
    {
        var result = ReadSample("linkedin-Connections.csv");

        Assert.Equal(ContactFileFormat.LinkedIn, result.Format);
        Assert.Empty(result.Rejected);
        Assert.Equal([5, 6, 7], result.Contacts.Select(c => c.LineNumber));
    }

    [Fact]
    public void The_first_LinkedIn_connection_has_its_date_and_no_email()
    {
        var haruka = ReadSample("linkedin-Connections.csv").Contacts[0];

        Assert.Equal("Tanaka", haruka.FamilyName);
        Assert.Equal("Haruka", haruka.GivenName);
        Assert.Equal("Toyota Motor Corporation", haruka.CompanyName);
        Assert.Equal("Purchasing Manager", haruka.Title);
        Assert.Equal(["https://www.linkedin.com/in/haruka-tanaka-0a1b2c"], haruka.Urls);
        Assert.Empty(haruka.Emails);
        Assert.Equal(new DateOnly(2023, 1, 15), haruka.MetOn);
        Assert.Null(haruka.Department);
        Assert.Null(haruka.FamilyNameKana);
        Assert.Null(haruka.VCardUid);
    }

    [Fact]
    public void Quoted_commas_stay_inside_the_company_and_the_position()
    {
        var contacts = ReadSample("linkedin-Connections.csv").Contacts;

        Assert.Equal("Globex, Inc.", contacts[1].CompanyName);
        Assert.Equal(["daniel.okafor@example.com"], contacts[1].Emails);
        Assert.Equal(new DateOnly(2021, 3, 3), contacts[1].MetOn);
        Assert.Equal("Head of Partnerships, APAC", contacts[2].Title);
        Assert.Equal(new DateOnly(2024, 11, 28), contacts[2].MetOn);
    }

    [Fact]
    public void An_older_export_without_the_URL_column_is_still_LinkedIn()
    {
        var result = ReadLines(
            "Connections.csv",
            "Notes:",
            "\"When exporting your connection data, you may notice that some of the email addresses are missing.\"",
            "",
            "First Name,Last Name,Email Address,Company,Position,Connected On",
            "Kenji,Sato,kenji@example.jp,Sony,Engineer,1 Feb 2019");

        Assert.Equal(ContactFileFormat.LinkedIn, result.Format);
        var kenji = Assert.Single(result.Contacts);
        Assert.Equal(5, kenji.LineNumber);
        Assert.Equal(("Sato", "Kenji", "Sony", "Engineer"), (kenji.FamilyName, kenji.GivenName, kenji.CompanyName, kenji.Title));
        Assert.Equal(["kenji@example.jp"], kenji.Emails);
        Assert.Empty(kenji.Urls);
        Assert.Equal(new DateOnly(2019, 2, 1), kenji.MetOn);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void CRLF_LF_and_CR_line_endings_give_the_same_records_and_lines(string newLine)
    {
        var text = WithLineEndings(SampleText("linkedin-Connections.csv", Encoding.UTF8), newLine);

        var result = ReadText(text);

        Assert.Equal([(5, "Tanaka"), (6, "Okafor"), (7, "Lin")], result.Contacts.Select(c => (c.LineNumber, c.FamilyName!)));
        Assert.Equal("Head of Partnerships, APAC", result.Contacts[2].Title);
    }
}

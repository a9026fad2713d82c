using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class GenericCsvImportTests
{
    [Fact]
    public void The_template_header_is_the_documented_one()
    {
        Assert.Equal(
            "family_name,given_name,family_name_kana,given_name_kana,company,department,title,emails,phones,urls,address,tags,notes,met_on",
            ContactFileReader.GenericCsvTemplateHeader);
    }

    [Fact]
    public void A_filled_in_template_is_read_with_lists_split_on_semicolons()
    {
        var result = ReadLines(
            "template.csv",
            ContactFileReader.GenericCsvTemplateHeader,
            "中村,彩,なかむら,あや,株式会社ひかり,人事部,部長,aya@hikari.example.jp; AYA@HIKARI.EXAMPLE.JP ;aya2@hikari.example.jp,03-1234-0000;;090-0000-1111,https://hikari.example.jp,東京都港区1-2-3,採用;アドバイザー;採用,元同僚,2023-04-01");

        Assert.Equal(ContactFileFormat.GenericCsv, result.Format);
        var nakamura = Assert.Single(result.Contacts);
        Assert.Equal(("中村", "彩", "なかむら", "あや"), (nakamura.FamilyName, nakamura.GivenName, nakamura.FamilyNameKana, nakamura.GivenNameKana));
        Assert.Equal(("株式会社ひかり", "人事部", "部長"), (nakamura.CompanyName, nakamura.Department, nakamura.Title));
        Assert.Equal(["aya@hikari.example.jp", "aya2@hikari.example.jp"], nakamura.Emails);
        Assert.Equal(["03-1234-0000", "090-0000-1111"], nakamura.Phones);
        Assert.Equal(["https://hikari.example.jp"], nakamura.Urls);
        Assert.Equal("東京都港区1-2-3", nakamura.Address);
        Assert.Equal(["採用", "アドバイザー"], nakamura.Tags);
        Assert.Equal("元同僚", nakamura.Notes);
        Assert.Equal(new DateOnly(2023, 4, 1), nakamura.MetOn);
    }

    [Fact]
    public void A_template_resaved_by_Excel_with_slashed_dates_is_still_read()
    {
        var result = ReadLines("template.csv", ContactFileReader.GenericCsvTemplateHeader, "Smith,Jane,,,,,,,,,,,,2023/4/1");

        Assert.Equal(new DateOnly(2023, 4, 1), Assert.Single(result.Contacts).MetOn);
    }

    [Fact]
    public void User_text_that_looks_like_a_formula_or_markup_is_kept_verbatim()
    {
        var result = ReadLines(
            "template.csv",
            ContactFileReader.GenericCsvTemplateHeader,
            "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",<script>alert(1)</script>,,,'+81 3,@SUM(1),-1,,,,,,<b>hi</b>,");

        var contact = Assert.Single(result.Contacts);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"x\")", contact.FamilyName);
        Assert.Equal("<script>alert(1)</script>", contact.GivenName);
        Assert.Equal(("'+81 3", "@SUM(1)", "-1"), (contact.CompanyName, contact.Department, contact.Title));
        Assert.Equal("<b>hi</b>", contact.Notes);
    }
}

using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Tests.Unit.Interchange;

/// <summary>Contacts to export, and the check that one came back unchanged.</summary>
internal static class ExportedContacts
{
    public static ExportedContact Japanese { get; } = new(
        "高橋", "健太", "たかはし", "けんた", "高橋 健太",
        "株式会社ブルーオーシャン", "事業開発部", "マネージャー",
        ["kenta.takahashi@blue-ocean.example.jp", "kenta@example.jp"],
        ["090-5555-1111", "03-1234-5678"],
        ["https://www.linkedin.com/in/kenta-takahashi", "https://example.jp/a,b"],
        "〒100-0005 東京都千代田区丸の内1-1-1\n丸の内ビル 5F",
        ["展示会2024", "sales, APAC"],
        "物流展示会で名刺交換。\n\"DX\" に詳しい; 次回は 10/1, 本社で \\ 打合せ 😀",
        new DateOnly(2024, 6, 12),
        "urn:uuid:0190f0c4-7a2b-7c3d-8e4f-000000000001");

    public static ExportedContact Western { get; } = new(
        "O'Neil", "Pat", null, null, "Pat O'Neil", "Globex, Inc.", null, "VP, Engineering",
        ["pat@globex.example.com"], [], [], null, [], null, null,
        "urn:uuid:0190f0c4-7a2b-7c3d-8e4f-000000000002");

    public static ExportedContact NameOnly { get; } = new(
        "鈴木", null, null, null, "鈴木", null, null, null, [], [], [], null, [], null, null,
        "urn:uuid:0190f0c4-7a2b-7c3d-8e4f-000000000003");

    public static void AssertRoundTripped(ExportedContact expected, ImportedContact actual, bool withUid)
    {
        Assert.Equal(
            (expected.FamilyName, expected.GivenName, expected.FamilyNameKana, expected.GivenNameKana),
            (actual.FamilyName, actual.GivenName, actual.FamilyNameKana, actual.GivenNameKana));
        Assert.Equal((expected.CompanyName, expected.Department, expected.Title), (actual.CompanyName, actual.Department, actual.Title));
        Assert.Equal(expected.Emails, actual.Emails);
        Assert.Equal(expected.Phones, actual.Phones);
        Assert.Equal(expected.Urls, actual.Urls);
        Assert.Equal(expected.Address, actual.Address);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Notes, actual.Notes);
        Assert.Equal(expected.MetOn, actual.MetOn);
        Assert.Equal(withUid ? expected.Uid : null, actual.VCardUid);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Unit.Interchange;

namespace NetworkSaaS.Tests.Contacts;

/// <summary>Windows-31J exports as different programs write them, with a line whose bytes are not text.</summary>
public sealed class Windows31JImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Every_encoding_of_a_character_imports_and_only_the_broken_line_is_rejected_with_its_number_and_reason()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        byte[] content =
        [
            .. Sjis("11月20日にEightで生成された名刺リストです。\r\n合計 6 件\r\n\r\n"),
            .. Sjis("会社名,部署名,役職,姓,名,e-mail,TEL会社\r\n"), // line 4
            0x87, 0x8A, .. Sjis("髙島商事,営業部,部長,"), 0xFB, 0xFC, .. Sjis("橋,一郎,ichiro@takashima.example,\r\n"), // ㈱ NEC, 髙 IBM FBFC
            0xFA, 0x58, .. Sjis("髙島商事,営業部,課長,"), 0xEE, 0xE0, .. Sjis("橋,次郎,jiro@takashima.example,\r\n"), // ㈱ IBM FA58, 髙 NEC-selected EEE0
            .. Sjis("壊れた会社,,,山本,"), 0x85, 0x40, .. Sjis(",broken@example.jp,\r\n"), // line 7: 0x8540 has no character
            .. Sjis("丸一物産,第"), 0x87, 0x40, .. Sjis("営業部,"), 0xFA, 0x4A, .. Sjis("担当,"), 0xB6, 0xC5, .. Sjis(",ﾀﾛｳ,taro@maruichi.example,\r\n"),
            .. Sjis("丸一物産,,,佐藤,花子,hanako@maruichi.example,03-1234-5678\r\n"),
        ];

        var upload = await ImportTests.UploadAsync(client, "acme", "eight-meishi.csv", content);
        var url = upload.Headers.Location!.OriginalString;
        var preview = await client.GetStringAsync(url);
        Assert.Contains("Shift_JIS", preview, StringComparison.Ordinal);
        Assert.Contains("data-create=\"4\"", preview, StringComparison.Ordinal);
        var rejected = preview[preview.IndexOf("id=\"import-rejected\"", StringComparison.Ordinal)..];
        Assert.Contains("<td>7</td>", rejected, StringComparison.Ordinal);
        Assert.Contains("not text in the file", rejected, StringComparison.Ordinal);
        Assert.Contains("Shift_JIS: 0x85 0x40", rejected, StringComparison.Ordinal);

        await client.PostFormAsync($"{url}?handler=Start", [], url);
        var contacts = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().OrderBy(c => c.Emails[0]).ToListAsync());
        Assert.Equal(["hanako@maruichi.example", "ichiro@takashima.example", "jiro@takashima.example", "taro@maruichi.example"], contacts.Select(c => c.Emails[0]));
        var ichiro = contacts[1];
        var jiro = contacts[2];
        Assert.Equal(("髙橋 一郎", "㈱髙島商事"), (ichiro.DisplayName, ichiro.CompanyName));
        Assert.Equal(("髙橋 次郎", "㈱髙島商事"), (jiro.DisplayName, jiro.CompanyName));
        Assert.Equal(ichiro.OrganizationId, jiro.OrganizationId);
        var taro = contacts[3];
        Assert.Equal(("第①営業部", "Ⅰ担当", "ｶﾅ", "ﾀﾛｳ"), (taro.Department, taro.Title, taro.FamilyName, taro.GivenName));
        Assert.DoesNotContain(contacts, c => c.FamilyName == "山本");
    }

    [Fact]
    public async Task A_file_whose_every_line_is_undecodable_is_refused_whole_with_a_clear_message()
    {
        var (_, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await ImportTests.UploadAsync(client, "acme", "broken.csv", [0x61, 0x85, 0x40, 0x0D, 0x0A, 0x62, 0xEE, 0xED], expect: HttpStatusCode.OK);

        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Sjis(string text) => ContactFiles.ShiftJis.GetBytes(text);
}

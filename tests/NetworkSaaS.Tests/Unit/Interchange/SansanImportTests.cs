using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class SansanImportTests
{
    [Fact]
    public void A_Sansan_export_with_kana_columns_is_recognised_and_mapped()
    {
        var text = "名刺交換日,会社名,部署名,役職,姓,名,姓(カナ),名(カナ),E-mail,郵便番号,都道府県,住所1,住所2,TEL,FAX,携帯電話,URL,タグ,メモ\r\n"
            + "2024/05/20,株式会社みらい,営業部,課長,伊藤,美咲,イトウ,ミサキ,m.ito@mirai.example.jp,150-0002,東京都,渋谷区渋谷3-3-3,みらいビル5F,03-5555-0000,03-5555-0001,080-1111-2222,https://mirai.example.jp,顧客;展示会,\"紹介: 山田さん, 2024年\"\r\n";

        var result = ContactFileReader.Read(ShiftJis.GetBytes(text), "sansan.csv");

        Assert.Equal(ContactFileFormat.Sansan, result.Format);
        var ito = Assert.Single(result.Contacts);
        Assert.Equal(2, ito.LineNumber);
        Assert.Equal(("伊藤", "美咲", "イトウ", "ミサキ"), (ito.FamilyName, ito.GivenName, ito.FamilyNameKana, ito.GivenNameKana));
        Assert.Equal(("株式会社みらい", "営業部", "課長"), (ito.CompanyName, ito.Department, ito.Title));
        Assert.Equal(["m.ito@mirai.example.jp"], ito.Emails);
        Assert.Equal("〒150-0002 東京都渋谷区渋谷3-3-3 みらいビル5F", ito.Address);
        Assert.Equal(["03-5555-0000", "080-1111-2222"], ito.Phones);
        Assert.Equal(["https://mirai.example.jp"], ito.Urls);
        Assert.Equal(["顧客", "展示会"], ito.Tags);
        Assert.Equal("紹介: 山田さん, 2024年", ito.Notes);
        Assert.Equal(new DateOnly(2024, 5, 20), ito.MetOn);
    }

    [Fact]
    public void Sansan_column_variants_with_full_width_brackets_or_sei_mei_are_understood()
    {
        var fullWidth = ReadLines("sansan.csv", "会社名,部署名,役職,姓,名,姓（カナ）,名（カナ）,E-mail", "X社,,,木村,拓也,キムラ,タクヤ,");
        var seiMei = ReadLines("sansan.csv", "会社名,部署名,役職,姓,名,セイ,メイ,メールアドレス,名刺交換日", "Y社,,,林,優,ハヤシ,ユウ,yu@y.example.jp,2022-12-01");

        Assert.Equal(ContactFileFormat.Sansan, fullWidth.Format);
        Assert.Equal(("キムラ", "タクヤ"), (fullWidth.Contacts[0].FamilyNameKana, fullWidth.Contacts[0].GivenNameKana));
        Assert.Equal(ContactFileFormat.Sansan, seiMei.Format);
        Assert.Equal(("ハヤシ", "ユウ"), (seiMei.Contacts[0].FamilyNameKana, seiMei.Contacts[0].GivenNameKana));
        Assert.Equal(["yu@y.example.jp"], seiMei.Contacts[0].Emails);
        Assert.Equal(new DateOnly(2022, 12, 1), seiMei.Contacts[0].MetOn);
    }

    [Fact]
    public void A_Sansan_export_with_one_name_column_splits_name_and_reading()
    {
        var result = ReadLines("sansan.csv", "会社名,氏名,氏名(カナ),E-mail", "Z社,小林 直樹,コバヤシ ナオキ,");

        var kobayashi = Assert.Single(result.Contacts);
        Assert.Equal(("小林", "直樹", "コバヤシ", "ナオキ"), (kobayashi.FamilyName, kobayashi.GivenName, kobayashi.FamilyNameKana, kobayashi.GivenNameKana));
    }

    [Fact]
    public void The_industry_column_gives_a_code_of_the_fixed_list_and_the_URL_the_company_domain()
    {
        var result = ReadLines("sansan.csv",
            "会社名,部署名,役職,姓,名,姓(カナ),名(カナ),E-mail,URL,業種",
            "株式会社みらい物流,,,伊藤,美咲,イトウ,ミサキ,m.ito@gmail.com,https://www.Mirai-Logi.example.jp/about,運輸業、郵便業",
            "株式会社ひかり,,,林,優,ハヤシ,ユウ,,hikari.example.jp,ＩＴ・通信",
            "謎の会社,,,木村,拓也,キムラ,タクヤ,,not a url,宇宙開拓");

        Assert.Equal(("transport-logistics", "mirai-logi.example.jp"), (result.Contacts[0].Industry, result.Contacts[0].CompanyDomain));
        Assert.Equal(("information-communications", "hikari.example.jp"), (result.Contacts[1].Industry, result.Contacts[1].CompanyDomain));
        Assert.Equal((null, null), (result.Contacts[2].Industry, result.Contacts[2].CompanyDomain));
    }
}

using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class EightImportTests
{
    private const string Preamble = "11月20日にEightで生成されたファイルです。\r\n合計 1 件\r\n\r\n";

    [Fact]
    public void The_Eight_sample_is_read_below_its_two_preamble_lines()
    {
        var result = ReadSample("eight-meishi.csv");

        Assert.Equal(ContactFileFormat.Eight, result.Format);
        Assert.Empty(result.Rejected);
        Assert.Equal([5, 6, 7], result.Contacts.Select(c => c.LineNumber));
    }

    [Fact]
    public void The_first_Eight_card_has_every_field_mapped()
    {
        var yamada = ReadSample("eight-meishi.csv").Contacts[0];

        Assert.Equal(("山田", "太郎"), (yamada.FamilyName, yamada.GivenName));
        Assert.Equal("株式会社さくらフーズ", yamada.CompanyName);
        Assert.Equal("営業本部 第一営業部", yamada.Department);
        Assert.Equal("部長", yamada.Title);
        Assert.Equal(["t.yamada@sakura-foods.example.jp"], yamada.Emails);
        Assert.Equal("〒100-0005 東京都千代田区丸の内1-1-1", yamada.Address);
        Assert.Equal(["03-1234-5678", "03-1234-5679", "090-1234-5678"], yamada.Phones);
        Assert.Equal(["https://sakura-foods.example.jp"], yamada.Urls);
        Assert.Equal(new DateOnly(2024, 6, 12), yamada.MetOn);
        Assert.Equal(["展示会2024"], yamada.Tags);
    }

    [Fact]
    public void Eights_own_status_columns_are_not_tags()
    {
        var contacts = ReadSample("eight-meishi.csv").Contacts;

        Assert.Empty(contacts[1].Tags); // flagged "Eightでつながっている人" only
        Assert.Equal("〒530-0001 大阪府大阪市北区梅田2-2-2", contacts[1].Address);
        Assert.Equal(new DateOnly(2023, 11, 2), contacts[1].MetOn);
        Assert.Equal(["展示会2024"], contacts[2].Tags);
    }

    [Fact]
    public void Empty_Eight_cells_become_null_or_empty_lists()
    {
        var suzuki = ReadSample("eight-meishi.csv").Contacts[2];

        Assert.Equal(("鈴木", "一郎", "理事"), (suzuki.FamilyName, suzuki.GivenName, suzuki.Title));
        Assert.Null(suzuki.Department);
        Assert.Null(suzuki.Address);
        Assert.Empty(suzuki.Emails);
        Assert.Empty(suzuki.Phones);
        Assert.Empty(suzuki.Urls);
    }

    [Fact]
    public void The_same_Eight_export_saved_as_UTF8_reads_the_same()
    {
        var text = SampleText("eight-meishi.csv", ShiftJis);

        var result = ContactFileReader.Read(Encoding.UTF8.GetBytes(text), "eight.csv");

        Assert.Equal(ContactFileFormat.Eight, result.Format);
        Assert.Equal("UTF-8", result.EncodingName);
        var expected = ReadSample("eight-meishi.csv").Contacts;
        Assert.Equal(expected.Select(Describe), result.Contacts.Select(Describe));
    }

    [Fact]
    public void An_older_Eight_export_splits_the_single_name_column_at_the_first_space()
    {
        var text = Preamble
            + "会社名,部署名,役職,氏名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n"
            + "A社,,,山田 太郎,,,,,,,,,,2020/01/05\r\n"
            + "B社,,,佐藤　花子,,,,,,,,,,2020/1/6\r\n"
            + "C社,,,鈴木,,,,,,,,,,\r\n"
            + "D社,,,欧陽 菲 菲,,,,,,,,,,\r\n";

        var result = ContactFileReader.Read(ShiftJis.GetBytes(text), "eight.csv");

        Assert.Equal(ContactFileFormat.Eight, result.Format);
        Assert.Equal(
            [("山田", "太郎"), ("佐藤", "花子"), ("鈴木", null), ("欧陽", "菲 菲")],
            result.Contacts.Select(c => (c.FamilyName, c.GivenName)));
        Assert.Equal([new DateOnly(2020, 1, 5), new DateOnly(2020, 1, 6), null, null], result.Contacts.Select(c => c.MetOn));
    }

    [Fact]
    public void Several_tag_columns_each_add_their_tag_and_repeated_phones_are_kept_once()
    {
        var text = Preamble
            + "会社名,部署名,役職,姓,名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日,Eightでつながっている人,再データ化中の名刺,'?'を含んだデータ,顧客,採用候補,勉強会\r\n"
            + "A社,,,田中,一,,,,03-1111-2222,03-1111-2222,,03-9999-9999,,,2021/07/07,1,,,1,,1\r\n";

        var tanaka = Assert.Single(ContactFileReader.Read(ShiftJis.GetBytes(text), "eight.csv").Contacts);

        Assert.Equal(["顧客", "勉強会"], tanaka.Tags);
        Assert.Equal(["03-1111-2222"], tanaka.Phones); // Fax is not a phone
    }

    private static string Describe(ImportedContact c) =>
        $"{c.LineNumber}|{c.FamilyName}|{c.GivenName}|{c.CompanyName}|{c.Department}|{c.Address}|{string.Join(";", c.Phones)}|{string.Join(";", c.Tags)}|{c.MetOn}";
}

using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ContactFiles;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class VCardImportTests
{
    [Fact]
    public void The_iPhone_card_has_kana_from_the_phonetic_fields_and_company_and_department_from_ORG()
    {
        var result = ReadSample("ios-contacts.vcf");

        Assert.Equal(ContactFileFormat.VCard, result.Format);
        Assert.Empty(result.Rejected);
        var takahashi = result.Contacts[0];
        Assert.Equal(1, takahashi.LineNumber);
        Assert.Equal(("高橋", "健太", "たかはし", "けんた"), (takahashi.FamilyName, takahashi.GivenName, takahashi.FamilyNameKana, takahashi.GivenNameKana));
        Assert.Equal(("株式会社ブルーオーシャン", "事業開発部", "マネージャー"), (takahashi.CompanyName, takahashi.Department, takahashi.Title));
        Assert.Equal(["kenta.takahashi@blue-ocean.example.jp"], takahashi.Emails);
        Assert.Equal(["090-5555-1111"], takahashi.Phones);
        Assert.Equal(["https://www.linkedin.com/in/kenta-takahashi"], takahashi.Urls);
        Assert.Equal("2024年の異業種交流会で名刺交換。物流DXに詳しい。", takahashi.Notes);
        Assert.Null(takahashi.VCardUid);
    }

    [Fact]
    public void The_second_iPhone_card_starts_on_its_own_BEGIN_line()
    {
        var nguyen = ReadSample("ios-contacts.vcf").Contacts[1];

        Assert.Equal(16, nguyen.LineNumber);
        Assert.Equal(("Nguyen", "Anh", "Acme Logistics", "Head of Talent"), (nguyen.FamilyName, nguyen.GivenName, nguyen.CompanyName, nguyen.Title));
        Assert.Null(nguyen.Department);
        Assert.Equal(["+1 415 555 0100"], nguyen.Phones);
        Assert.Null(nguyen.FamilyNameKana);
    }

    [Fact]
    public void The_Google_card_keeps_its_UID_tags_and_a_real_comma_in_the_note()
    {
        var rossi = Assert.Single(ReadSample("google-contacts-v4.vcf").Contacts);

        Assert.Equal("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", rossi.VCardUid);
        Assert.Equal(["advisor", "finance"], rossi.Tags);
        Assert.Equal("Met at the Milan fintech meetup, offered to advise on EU expansion.", rossi.Notes);
        Assert.Equal(("Rossi", "Sofia", "Bianchi & Partners", "Partner"), (rossi.FamilyName, rossi.GivenName, rossi.CompanyName, rossi.Title));
        Assert.Equal(["sofia.rossi@bianchi-partners.example.it"], rossi.Emails);
        Assert.Equal(["+39-02-555-0199"], rossi.Phones); // from TEL;VALUE=uri:tel:…
        Assert.Null(rossi.FamilyNameKana); // SORT-AS="Rossi,Sofia" is not a reading
        Assert.Null(rossi.MetOn); // RELATED;TYPE=met is a link to a person, not a date
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void CRLF_LF_and_CR_files_read_the_same(string newLine)
    {
        var text = WithLineEndings(SampleText("ios-contacts.vcf", Encoding.UTF8), newLine);

        var result = ReadText(text, "contacts.vcf");

        Assert.Equal([(1, "高橋", "けんた"), (16, "Nguyen", null)], result.Contacts.Select(c => (c.LineNumber, c.FamilyName!, c.GivenNameKana)));
    }

    [Fact]
    public void Folded_lines_are_joined_by_dropping_the_line_break_and_one_space_or_tab()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:Yamamoto;Sho",
            "NOTE:This note is long enough that an export",
            "  folds it, with a space kept,",
            "\tthen a tab fold.",
            "ORG:Very Long Company Name Kabu",
            " shiki Kaisha;Sales",
            "END:VCARD");

        var contact = Assert.Single(result.Contacts);
        Assert.Equal("This note is long enough that an export folds it, with a space kept,then a tab fold.", contact.Notes);
        Assert.Equal(("Very Long Company Name Kabushiki Kaisha", "Sales"), (contact.CompanyName, contact.Department));
    }

    [Fact]
    public void A_vCard_21_with_UTF8_quoted_printable_and_soft_line_breaks_is_decoded()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:2.1",
            $"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{QuotedPrintable("山田;太郎;;;", Encoding.UTF8)}",
            $"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{QuotedPrintable("山田 太郎", Encoding.UTF8)}",
            $"ORG;CHARSET=UTF-8;QUOTED-PRINTABLE:{QuotedPrintable("さくら商事;営業部", Encoding.UTF8)}",
            "TEL;CELL;VOICE:090-1111-2222",
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=95=E7=A4=BA=E4=BC=9A=",
            "=E3=81=A7=E4=BC=9A=E3=81=A3=E3=81=9F=0D=0A2=E8=A1=8C=E7=9B=AE",
            "END:VCARD");

        var yamada = Assert.Single(result.Contacts);
        Assert.Equal(("山田", "太郎"), (yamada.FamilyName, yamada.GivenName));
        Assert.Equal(("さくら商事", "営業部"), (yamada.CompanyName, yamada.Department));
        Assert.Equal(["090-1111-2222"], yamada.Phones);
        Assert.Equal("展示会で会った\n2行目", yamada.Notes); // line breaks are stored as LF
    }

    [Fact]
    public void A_vCard_21_with_Shift_JIS_quoted_printable_is_decoded_in_that_charset()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:2.1",
            $"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{QuotedPrintable("渡辺;恵;;;", ShiftJis)}",
            $"SOUND;X-IRMC-N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{QuotedPrintable("ﾜﾀﾅﾍﾞ;ﾒｸﾞﾐ;;;", ShiftJis)}",
            $"TITLE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{QuotedPrintable("課長", ShiftJis)}",
            "END:VCARD");

        var watanabe = Assert.Single(result.Contacts);
        Assert.Equal(("渡辺", "恵", "課長"), (watanabe.FamilyName, watanabe.GivenName, watanabe.Title));
        Assert.Equal(("ﾜﾀﾅﾍﾞ", "ﾒｸﾞﾐ"), (watanabe.FamilyNameKana, watanabe.GivenNameKana));
    }

    [Fact]
    public void A_vCard_21_file_saved_in_Shift_JIS_is_decoded_as_a_whole()
    {
        var text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:加藤;翔;;;\r\nNOTE:C:\\new\\folder\r\nEND:VCARD\r\n";

        var result = ContactFileReader.Read(ShiftJis.GetBytes(text), "kato.vcf");

        Assert.Equal("Shift_JIS", result.EncodingName);
        var kato = Assert.Single(result.Contacts);
        Assert.Equal(("加藤", "翔"), (kato.FamilyName, kato.GivenName));
        Assert.Equal("C:\\new\\folder", kato.Notes); // 2.1 has no \n escape
    }

    [Fact]
    public void Escapes_are_undone_in_notes_and_escaped_commas_stay_inside_a_tag()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:O\\;Neil;Pat;;;",
            @"NOTE:line one\nline two\, with comma\; semicolon \\ backslash\Nend",
            @"CATEGORIES:sales\, APAC,advisor,,advisor",
            "END:VCARD");

        var pat = Assert.Single(result.Contacts);
        Assert.Equal("O;Neil", pat.FamilyName);
        Assert.Equal("line one\nline two, with comma; semicolon \\ backslash\nend", pat.Notes);
        Assert.Equal(["sales, APAC", "advisor"], pat.Tags);
    }

    [Fact]
    public void Parameters_are_read_whatever_their_spelling_and_groups_are_ignored()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:4.0",
            "FN:Lee Min",
            "N;SORT-AS=\"いー,みん\":Lee;Min;;;",
            "item1.EMAIL;type=INTERNET;type=WORK:lee@example.com",
            "item2.TEL;TYPE=\"voice,cell\";PREF=1:+81 90 0000 0000",
            "TEL;VALUE=uri;TYPE=work:tel:+81-3-0000-0000;ext=12",
            "item3.URL:https\\://example.com/lee",
            "BDAY:1980-01-01",
            "X-UNKNOWN;FOO=\"a;b:c\":ignored",
            "END:VCARD");

        var lee = Assert.Single(result.Contacts);
        Assert.Equal(("いー", "みん"), (lee.FamilyNameKana, lee.GivenNameKana));
        Assert.Equal(["lee@example.com"], lee.Emails);
        Assert.Equal(["+81 90 0000 0000", "+81-3-0000-0000;ext=12"], lee.Phones);
        Assert.Equal(["https://example.com/lee"], lee.Urls);
        Assert.Null(lee.MetOn);
    }

    [Fact]
    public void The_iOS_phonetic_fields_win_over_SORT_AS()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:4.0",
            "N;SORT-AS=\"ヤマダ,タロウ\":山田;太郎;;;",
            "X-PHONETIC-LAST-NAME:やまだ",
            "END:VCARD");

        var yamada = Assert.Single(result.Contacts);
        Assert.Equal(("やまだ", "タロウ"), (yamada.FamilyNameKana, yamada.GivenNameKana));
    }

    [Fact]
    public void A_SORT_AS_with_only_the_given_name_reading_keeps_it_in_its_place()
    {
        var result = ReadVCard("BEGIN:VCARD", "VERSION:4.0", "N;SORT-AS=\",けんた\":高橋;健太;;;", "END:VCARD");

        var takahashi = Assert.Single(result.Contacts);
        Assert.Equal((null, "けんた"), (takahashi.FamilyNameKana, takahashi.GivenNameKana));
    }

    [Theory]
    [InlineData("John Ronald Smith", "Smith", "John Ronald")]
    [InlineData("Cher", "Cher", null)]
    [InlineData("山田 太郎", "山田 太郎", null)]
    [InlineData("株式会社さくら", "株式会社さくら", null)]
    public void Without_N_the_formatted_name_is_split_at_the_last_space_for_Western_names_only(string formattedName, string family, string? given)
    {
        var result = ReadVCard("BEGIN:VCARD", "VERSION:3.0", $"FN:{formattedName}", "N:;;;;", "END:VCARD");

        var contact = Assert.Single(result.Contacts);
        Assert.Equal((family, given), (contact.FamilyName, contact.GivenName));
    }

    [Fact]
    public void Addresses_are_joined_in_a_readable_order()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:山田;太郎;;;",
            "ADR;TYPE=WORK:;;丸の内1-1-1;千代田区;東京都;100-0005;日本",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:Doe;Jane;;;",
            "ADR;TYPE=HOME:;Suite 5;1 Main St;Springfield;IL;62701;USA",
            "ADR;TYPE=WORK:;;2 Work Rd;;;;",
            "END:VCARD");

        Assert.Equal(
            ["〒100-0005 東京都千代田区丸の内1-1-1 日本", "1 Main St, Suite 5, Springfield, IL 62701, USA"],
            result.Contacts.Select(c => c.Address!));
    }

    [Fact]
    public void A_card_without_END_or_without_a_name_is_rejected_by_its_BEGIN_line()
    {
        var result = ReadVCard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "EMAIL:someone@example.com",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:Kept;Card;;;",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:Cut;Off;;;");

        Assert.Equal(5, Assert.Single(result.Contacts).LineNumber);
        Assert.Equal(
            [new RejectedRecord(1, RejectReason.MissingName, null), new RejectedRecord(9, RejectReason.MalformedRecord, "BEGIN:VCARD without END:VCARD")],
            result.Rejected);
    }

    [Fact]
    public void A_bad_email_in_a_card_rejects_that_card_only()
    {
        var result = ReadVCard(
            "BEGIN:VCARD", "VERSION:3.0", "N:A;B;;;", "EMAIL:not an email", "END:VCARD",
            "BEGIN:VCARD", "VERSION:3.0", "N:C;D;;;", "EMAIL:c@example.com", "EMAIL:C@Example.com", "END:VCARD");

        Assert.Equal(new RejectedRecord(1, RejectReason.InvalidEmail, "not an email"), Assert.Single(result.Rejected));
        Assert.Equal(["c@example.com"], Assert.Single(result.Contacts).Emails);
    }

    [Fact]
    public void Blank_lines_before_the_first_card_do_not_hide_the_format()
    {
        var result = ReadText("\r\n\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n", "a.vcf");

        Assert.Equal((3, "Lee", "Ann"), (result.Contacts[0].LineNumber, result.Contacts[0].FamilyName!, result.Contacts[0].GivenName!));
    }

    private static ContactFileParseResult ReadVCard(params string[] lines) => ReadLines("contacts.vcf", lines);

    /// <summary>Quoted-printable as vCard 2.1 writers produce it: every byte of non-ASCII text and '=' encoded.</summary>
    private static string QuotedPrintable(string text, Encoding encoding) =>
        string.Concat(encoding.GetBytes(text).Select(b => b is >= 0x21 and <= 0x7E and not (byte)'=' ? ((char)b).ToString() : $"={b:X2}"));
}

using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

using static NetworkSaaS.Tests.Unit.Interchange.ExportedContacts;

namespace NetworkSaaS.Tests.Unit.Interchange;

public sealed class VCardWriterTests
{
    [Fact]
    public void Each_contact_is_a_vCard_4_card_with_CRLF_line_ends()
    {
        var vcf = VCardWriter.Write([Western, NameOnly]);

        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n", vcf, StringComparison.Ordinal);
        Assert.EndsWith("END:VCARD\r\n", vcf, StringComparison.Ordinal);
        Assert.Equal(2, Lines(vcf).Count(line => line == "BEGIN:VCARD"));
        Assert.DoesNotMatch("[^\r]\n", vcf);
    }

    [Fact]
    public void Names_kana_and_the_meeting_date_are_written_where_phones_look_for_them()
    {
        var lines = Lines(VCardWriter.Write([Japanese]));

        Assert.Contains("N;SORT-AS=\"たかはし,けんた\":高橋;健太;;;", lines);
        Assert.Contains("X-PHONETIC-LAST-NAME:たかはし", lines);
        Assert.Contains("X-PHONETIC-FIRST-NAME:けんた", lines);
        Assert.Contains("FN:高橋 健太", lines);
        Assert.Contains("ORG:株式会社ブルーオーシャン;事業開発部", lines);
        Assert.Contains("UID:urn:uuid:0190f0c4-7a2b-7c3d-8e4f-000000000001", lines);
        Assert.Contains("X-NETWORKSAAS-MET:2024-06-12", lines);
        Assert.Contains(@"ADR:;;〒100-0005 東京都千代田区丸の内1-1-1\n丸の内ビル 5F;;;;", lines);
    }

    [Fact]
    public void Backslash_comma_semicolon_and_line_breaks_are_escaped()
    {
        var contact = NameOnly with { FamilyName = "O;Neil", Notes = "a,b;c\\d\r\nnext\nlast", Tags = ["sales, APAC", "x;y"], Title = "VP, Sales" };

        var lines = Lines(VCardWriter.Write([contact]));

        Assert.Contains(@"NOTE:a\,b\;c\\d\nnext\nlast", lines);
        Assert.Contains(@"N:O\;Neil;;;;", lines);
        Assert.Contains(@"CATEGORIES:sales\, APAC,x\;y", lines);
        Assert.Contains(@"TITLE:VP\, Sales", lines);
    }

    [Fact]
    public void Empty_fields_are_left_out_but_N_and_FN_are_always_there()
    {
        var lines = Lines(VCardWriter.Write([NameOnly with { DisplayName = " " }]));

        Assert.Contains("N:鈴木;;;;", lines);
        Assert.Contains("FN:鈴木", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("TITLE", StringComparison.Ordinal) || line.StartsWith("ORG", StringComparison.Ordinal)
            || line.StartsWith("NOTE", StringComparison.Ordinal) || line.StartsWith("CATEGORIES", StringComparison.Ordinal)
            || line.StartsWith("X-PHONETIC", StringComparison.Ordinal) || line.StartsWith("X-NETWORKSAAS-MET", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var notes = string.Concat(Enumerable.Repeat("あいうえお😀abc", 30));
        var vcf = VCardWriter.Write([NameOnly with { Notes = notes }]);

        var physical = vcf.Split("\r\n");
        Assert.All(physical, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 0, 75));
        Assert.All(physical, line => Assert.True(line.Length == 0 || (!char.IsLowSurrogate(line[0]) && !char.IsHighSurrogate(line[^1]))));
        Assert.Contains(physical, line => Encoding.UTF8.GetByteCount(line) > 72); // folding fills lines, not just breaks early
        Assert.Contains("NOTE:" + notes, vcf.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_of_three_byte_characters_folds_before_the_character_that_would_cross_75_octets()
    {
        var vcf = VCardWriter.Write([NameOnly with { Notes = new string('あ', 40) }]);

        var noteLines = vcf.Split("\r\n").SkipWhile(line => !line.StartsWith("NOTE:", StringComparison.Ordinal)).Take(2).ToArray();
        Assert.Equal("NOTE:" + new string('あ', 23), noteLines[0]); // 5 + 23 × 3 = 74 octets
        Assert.Equal(" " + new string('あ', 17), noteLines[1]);
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        var contacts = new[] { Japanese, Western, NameOnly };

        var result = ContactFileReader.Read(Encoding.UTF8.GetBytes(VCardWriter.Write(contacts)), "export.vcf");

        Assert.Equal(ContactFileFormat.VCard, result.Format);
        Assert.Empty(result.Rejected);
        Assert.Equal(contacts.Length, result.Contacts.Count);
        for (var i = 0; i < contacts.Length; i++)
        {
            AssertRoundTripped(contacts[i], result.Contacts[i], withUid: true);
        }
    }

    [Fact]
    public void Kana_that_cannot_sit_in_a_quoted_parameter_still_round_trips_through_X_PHONETIC()
    {
        var contact = NameOnly with { GivenName = "花子", FamilyNameKana = "すずき,\"x\"", GivenNameKana = "はなこ" };

        var vcf = VCardWriter.Write([contact]);
        var read = Assert.Single(ContactFileReader.Read(Encoding.UTF8.GetBytes(vcf), "a.vcf").Contacts);

        Assert.Contains("\r\nN:鈴木;花子;;;\r\n", vcf, StringComparison.Ordinal);
        Assert.Equal(("すずき,\"x\"", "はなこ"), (read.FamilyNameKana, read.GivenNameKana));
    }

    [Fact]
    public void A_given_name_reading_alone_is_written_in_the_second_SORT_AS_place()
    {
        var lines = Lines(VCardWriter.Write([NameOnly with { GivenName = "一郎", GivenNameKana = "いちろう" }]));

        Assert.Contains("N;SORT-AS=\",いちろう\":鈴木;一郎;;;", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("X-PHONETIC-LAST-NAME", StringComparison.Ordinal));
    }

    private static string[] Lines(string vcf) => vcf.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
}

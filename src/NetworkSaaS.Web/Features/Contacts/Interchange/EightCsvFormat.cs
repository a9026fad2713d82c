namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Eight's 名刺 export: 姓/名 (older exports: one 氏名 column), phones in four columns, and after the
/// known columns one flag column per tag, headed by the tag name, holding 1 when the card has it.
/// </summary>
internal sealed class EightCsvFormat : ICsvContactFormat
{
    /// <summary>Columns only Eight writes; Sansan shares the others.</summary>
    private static readonly string[] EightOnlyColumns =
        ["TEL会社", "TEL部門", "TEL直通", "Eightでつながっている人", "再データ化中の名刺", "'?'を含んだデータ"];

    private static readonly string[] KnownColumns =
    [
        "会社名", "部署名", "役職", "姓", "名", "氏名", "e-mail", "郵便番号", "住所",
        "TEL会社", "TEL部門", "TEL直通", "Fax", "携帯電話", "URL", "名刺交換日",
        "Eightでつながっている人", "再データ化中の名刺", "'?'を含んだデータ",
    ];

    public ContactFileFormat Format => ContactFileFormat.Eight;

    public bool Recognizes(CsvHeader header) =>
        header.Has("会社名") && JapaneseNameColumns.ArePresentIn(header) && header.HasAny(EightOnlyColumns);

    public ContactDraft Map(CsvRow row)
    {
        var (family, given) = JapaneseNameColumns.Read(row, ["姓"], ["名"], ["氏名"]);
        var draft = new ContactDraft(row.LineNumber)
        {
            FamilyName = family,
            GivenName = given,
            CompanyName = row.Get("会社名"),
            Department = row.Get("部署名"),
            Title = row.Get("役職"),
            Address = ContactText.PostalAddress(row.Get("郵便番号"), row.Get("住所")),
        };
        draft.Emails.AddPresent(row.Get("e-mail"));
        draft.Phones.AddPresent(row.Get("TEL会社"), row.Get("TEL部門"), row.Get("TEL直通"), row.Get("携帯電話"));
        draft.Urls.AddPresent(row.Get("URL"));
        draft.Tags.AddRange(FlaggedTags(row));
        draft.ReadMetOn(row.Get("名刺交換日"), ContactDates.Japanese);
        return draft;
    }

    private static IEnumerable<string> FlaggedTags(CsvRow row)
    {
        var firstTagColumn = KnownColumns.Max(row.Header.IndexOf) + 1;
        for (var i = firstTagColumn; i < row.Header.Count; i++)
        {
            if (row.At(i) == "1" && row.Header.Names[i].Length > 0)
            {
                yield return row.Header.Names[i];
            }
        }
    }
}

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Sansan's 名刺データ CSV. Column names vary between versions and settings, so each field accepts the
/// names commonly documented for it; the address is put together from whichever address columns exist. The URL
/// column is the company's site and 業種 its industry: both also fill the organization's facts.
/// </summary>
internal sealed class SansanCsvFormat : ICsvContactFormat
{
    private static readonly string[] FamilyKanaColumns = ["姓(カナ)", "姓カナ", "セイ", "姓(フリガナ)", "姓フリガナ", "姓(よみ)"];
    private static readonly string[] GivenKanaColumns = ["名(カナ)", "名カナ", "メイ", "名(フリガナ)", "名フリガナ", "名(よみ)"];
    private static readonly string[] FullNameKanaColumns = ["氏名(カナ)", "氏名カナ", "フリガナ", "氏名(フリガナ)"];
    private static readonly string[] EmailColumns = ["E-mail", "Eメール", "メールアドレス", "メール"];

    private static readonly string[] PhoneColumns =
    [
        "TEL", "電話番号", "会社電話番号", "代表電話番号", "部署電話番号", "直通電話番号", "TEL(会社)", "TEL(部署)", "TEL(直通)",
        "携帯", "携帯電話", "携帯番号", "携帯電話番号",
    ];

    /// <summary>Address parts in the order they are written; 都道府県 is joined to what follows without a space.</summary>
    private static readonly string[] AddressColumns = ["住所", "住所1", "市区町村", "町域", "番地", "住所2", "ビル名", "建物名"];

    private static readonly string[] SansanColumns =
        [.. FamilyKanaColumns, .. GivenKanaColumns, .. FullNameKanaColumns, .. EmailColumns, "名刺交換日", "部署名", "役職"];

    public ContactFileFormat Format => ContactFileFormat.Sansan;

    public bool Recognizes(CsvHeader header) =>
        header.Has("会社名") && JapaneseNameColumns.ArePresentIn(header) && header.HasAny(SansanColumns);

    public ContactDraft Map(CsvRow row)
    {
        var draft = new ContactDraft(row.LineNumber)
        {
            CompanyName = row.Get("会社名"),
            Department = row.Get("部署名", "部署"),
            Title = row.Get("役職"),
            Address = ContactText.PostalAddress(row.Get("郵便番号"), Address(row)),
            Notes = row.Get("メモ", "備考"),
        };
        (draft.FamilyName, draft.GivenName) = JapaneseNameColumns.Read(row, ["姓"], ["名"], ["氏名"]);
        (draft.FamilyNameKana, draft.GivenNameKana) = JapaneseNameColumns.Read(row, FamilyKanaColumns, GivenKanaColumns, FullNameKanaColumns);
        foreach (var column in EmailColumns)
        {
            draft.Emails.AddPresent(row.Get(column));
        }

        foreach (var column in PhoneColumns)
        {
            draft.Phones.AddPresent(row.Get(column));
        }

        draft.CompanyUrl = row.Get("URL", "ホームページ", "Webサイト");
        draft.Urls.AddPresent(draft.CompanyUrl);
        draft.Industry = row.Get("業種", "業界", "Industry");
        draft.Tags.AddRange(ContactText.SplitList(row.Get("タグ"), ';', ',', '、', '\n'));
        draft.ReadMetOn(row.Get("名刺交換日"), ContactDates.Japanese);
        return draft;
    }

    private static string? Address(CsvRow row)
    {
        var rest = ContactText.JoinNonEmpty(" ", AddressColumns.Select(column => row.Get(column)));
        return ContactText.Clean(row.Get("都道府県") + rest);
    }
}

using System.Globalization;
using System.Text;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>
/// The fixed list of industries an organization can have, after the divisions of the Japan Standard Industrial
/// Classification (日本標準産業分類). Organizations store the code; <see cref="IndustryLabels"/> names it in ja/en.
/// </summary>
public static class Industries
{
    /// <param name="Keywords">What other tools write for it (Sansan's 業種, Japanese and English names); matched after width and case folding.</param>
    public sealed record Industry(string Code, params string[] Keywords);

    public static IReadOnlyList<Industry> All { get; } =
    [
        new("agriculture", "農業、林業", "漁業", "農林水産", "農業", "林業", "水産", "agriculture", "forestry", "fishery", "fisheries"),
        new("mining", "鉱業、採石業、砂利採取業", "鉱業", "採石", "mining"),
        new("construction", "建設業", "建設", "建築", "土木", "construction"),
        new("manufacturing", "製造業", "製造", "メーカー", "製薬", "医薬品", "食料品", "繊維", "化学", "石油", "ゴム", "ガラス", "鉄鋼", "非鉄",
            "金属", "機械", "電気機器", "電機", "輸送用機器", "自動車", "精密機器", "半導体", "製品", "manufacturing", "manufacturer"),
        new("utilities", "電気・ガス・熱供給・水道業", "電気", "ガス", "電力", "水道", "エネルギー", "utilities", "energy"),
        new("information-communications", "情報通信業", "情報通信", "通信", "ソフトウェア", "情報サービス", "インターネット", "放送", "出版", "it",
            "software", "telecommunications", "internet", "media"),
        new("transport-logistics", "運輸業、郵便業", "運輸", "物流", "運送", "倉庫", "郵便", "陸運", "海運", "空運", "transport", "transportation", "logistics"),
        new("wholesale-retail", "卸売業、小売業", "卸売", "小売", "商社", "卸", "wholesale", "retail", "trading"),
        new("finance-insurance", "金融業、保険業", "金融", "銀行", "証券", "保険", "finance", "banking", "insurance", "financial services"),
        new("real-estate", "不動産業、物品賃貸業", "不動産", "賃貸", "リース", "real estate"),
        new("professional-services", "学術研究、専門・技術サービス業", "専門", "コンサルティング", "コンサル", "法律", "会計", "広告", "デザイン",
            "研究", "consulting", "legal", "accounting", "advertising", "professional services"),
        new("hospitality-food", "宿泊業、飲食サービス業", "宿泊", "飲食", "ホテル", "hospitality", "hotels", "restaurants"),
        new("lifestyle-entertainment", "生活関連サービス業、娯楽業", "生活関連", "娯楽", "旅行", "エンターテインメント", "entertainment", "travel"),
        new("education", "教育、学習支援業", "教育", "学習支援", "学校", "大学", "education"),
        new("healthcare-welfare", "医療、福祉", "医療", "福祉", "病院", "介護", "healthcare", "health care", "welfare"),
        new("other-services", "サービス業（他に分類されないもの）", "サービス", "人材", "派遣", "services", "staffing"),
        new("public-administration", "公務（他に分類されるものを除く）", "公務", "官公庁", "自治体", "government", "public administration"),
        new("other", "分類不能の産業", "other"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(i => i.Code == code);

    /// <summary>
    /// The code for an industry as another tool names it: an exact name first, else the industry with the longest keyword
    /// the text contains ("情報・通信業" → information-communications, "電気機器" → manufacturing, "電気・ガス業" → utilities);
    /// null when none fits.
    /// </summary>
    public static string? Recognize(string? text)
    {
        var folded = Fold(text);
        if (folded.Length == 0)
        {
            return null;
        }

        var exact = All.FirstOrDefault(i => Fold(i.Code) == folded || i.Keywords.Any(k => Fold(k) == folded));
        if (exact is not null)
        {
            return exact.Code;
        }

        // Latin keywords match whole words ("it" is not in "capital"); Japanese ones anywhere in the text.
        var words = $" {string.Join(' ', Words(text))} ";
        return All
            .SelectMany(i => i.Keywords.Select(k => (i.Code, Keyword: Fold(k), Latin: k.All(char.IsAscii), Words: $" {string.Join(' ', Words(k))} ")))
            .Where(k => k.Keyword.Length > 1 && (k.Latin ? words.Contains(k.Words, StringComparison.Ordinal) : folded.Contains(k.Keyword, StringComparison.Ordinal)))
            .OrderByDescending(k => k.Keyword.Length)
            .Select(k => k.Code)
            .FirstOrDefault();
    }

    /// <summary>The letters and digits of <paramref name="text"/> in words, width and case folded.</summary>
    private static IEnumerable<string> Words(string? text)
    {
        var word = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>Width, case and punctuation folded: "ＩＴ・通信" and "it通信" compare equal.</summary>
    private static string Fold(string? text) => string.Concat(Words(text));
}

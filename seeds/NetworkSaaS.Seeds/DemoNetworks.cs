using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Seeds;

/// <summary>One demo contact as the seeds describe it; the app's contact writer derives the rest.</summary>
public sealed record DemoContact(
    string FamilyName, string GivenName, string? FamilyKana, string? GivenKana, string Company, string Title, string Email, string Phone,
    MeetingChannel Channel, DateOnly MetOn, string? MetAt, int Depth, OpenTo OpenTo, ContactVisibility Visibility, IReadOnlyList<string> Tags,
    IReadOnlyList<(InteractionKind Kind, DateOnly On, string Note)> Interactions, string? Address = null);

/// <summary>Writes demo contacts through the application's own rules (implemented by the web app).</summary>
public interface IDemoContactWriter
{
    Task AddAsync(IServiceProvider tenantScope, Guid ownerId, IEnumerable<DemoContact> demos, CancellationToken cancellationToken);
}

/// <summary>Believable, deterministic networks for the demo tenants: a few hundred contacts each.</summary>
public static class DemoNetworks
{
    private static readonly (string Family, string Kana)[] JapaneseFamilies =
    [
        ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"),
        ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"),
        ("松本", "まつもと"), ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("清水", "しみず"), ("森", "もり"),
    ];

    private static readonly (string Given, string Kana)[] JapaneseGivens =
    [
        ("翔太", "しょうた"), ("陽菜", "ひな"), ("大輔", "だいすけ"), ("美咲", "みさき"), ("健一", "けんいち"), ("さくら", "さくら"), ("拓也", "たくや"),
        ("由美", "ゆみ"), ("直樹", "なおき"), ("愛", "あい"), ("誠", "まこと"), ("恵", "めぐみ"), ("亮", "りょう"), ("真理子", "まりこ"),
    ];

    private static readonly string[] EnglishFamilies = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Thompson", "Okafor", "Nguyen", "Rossi", "Müller"];
    private static readonly string[] EnglishGivens = ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Grace", "Leo", "Chloe", "Daniel", "Sofia"];

    private static readonly string[] JapaneseCompanies =
    [
        "株式会社トヨタ自動車", "株式会社さくらフーズ", "㈱ミライ技研", "株式会社ブルーオーシャン", "日本ロジテック株式会社", "株式会社みなと銀行", "東京デザイン合同会社",
        "株式会社グリーンエナジー", "株式会社ひかり製薬", "株式会社アオバ建設", "株式会社北斗システム", "株式会社こだま不動産", "株式会社やまと物流", "株式会社オオゾラ航空",
    ];

    private static readonly string[] EnglishCompanies =
    [
        "Acme Logistics Ltd.", "Globex Corporation", "Initech Inc.", "Bianchi & Partners", "Contoso Ltd", "Fabrikam, Inc.", "Northwind Traders",
        "Wide World Importers", "Tailspin Toys", "Adventure Works", "Litware GmbH", "Proseware LLC",
    ];

    /// <summary>The industry of each demo company, as a code of the fixed list (Features/Companies/Industries in the web app).</summary>
    private static readonly Dictionary<string, string> Industries = new(StringComparer.Ordinal)
    {
        ["株式会社トヨタ自動車"] = "manufacturing", ["株式会社さくらフーズ"] = "manufacturing", ["㈱ミライ技研"] = "professional-services",
        ["株式会社ブルーオーシャン"] = "wholesale-retail", ["日本ロジテック株式会社"] = "transport-logistics", ["株式会社みなと銀行"] = "finance-insurance",
        ["東京デザイン合同会社"] = "professional-services", ["株式会社グリーンエナジー"] = "utilities", ["株式会社ひかり製薬"] = "manufacturing",
        ["株式会社アオバ建設"] = "construction", ["株式会社北斗システム"] = "information-communications", ["株式会社こだま不動産"] = "real-estate",
        ["株式会社やまと物流"] = "transport-logistics", ["株式会社オオゾラ航空"] = "transport-logistics",
        ["Acme Logistics Ltd."] = "transport-logistics", ["Globex Corporation"] = "information-communications", ["Initech Inc."] = "information-communications",
        ["Bianchi & Partners"] = "professional-services", ["Contoso Ltd"] = "information-communications", ["Fabrikam, Inc."] = "manufacturing",
        ["Northwind Traders"] = "wholesale-retail", ["Wide World Importers"] = "wholesale-retail", ["Tailspin Toys"] = "manufacturing",
        ["Adventure Works"] = "lifestyle-entertainment", ["Litware GmbH"] = "information-communications", ["Proseware LLC"] = "information-communications",
    };

    /// <summary>The industry code of a demo company, or null for a name that is not one of them.</summary>
    public static string? IndustryOf(string companyName) => Industries.GetValueOrDefault(companyName);

    private static readonly string[] JapaneseAddresses =
    [
        "東京都千代田区丸の内2-4-1", "東京都港区六本木6-10-1", "大阪府大阪市北区梅田3-1-3", "神奈川県横浜市西区みなとみらい2-2-1",
        "愛知県名古屋市中村区名駅1-1-4", "福岡県福岡市中央区天神2-5-55", "東京都渋谷区道玄坂1-12-1", "京都府京都市下京区烏丸通塩小路下ル",
    ];

    private static readonly string[] EnglishAddresses =
    [
        "1 Canada Square, London E14 5AB", "221B Baker Street, London NW1 6XE", "10 Deansgate, Manchester M3 1AZ",
        "50 George Square, Glasgow G2 1DU", "3 Temple Row, Birmingham B2 5LG", "12 Park Row, Leeds LS1 5HD",
    ];

    private static readonly string[] JapaneseTitles = ["部長", "課長", "営業マネージャー", "購買担当", "CTO", "人事部長", "代表取締役", "エンジニア", "マーケティング担当", "顧問"];
    private static readonly string[] EnglishTitles = ["Head of Purchasing", "Sales Director", "CTO", "Talent Partner", "Chief Executive Officer", "Engineering Manager", "Marketing Lead", "Advisor", "Partner", "Account Manager"];
    private static readonly string[] JapaneseTags = ["展示会2024", "異業種交流会", "製造業", "物流", "採用候補", "顧問候補", "ゴルフ", "大学同期", "勉強会"];
    private static readonly string[] EnglishTags = ["trade-show", "meetup", "logistics", "fintech", "candidate", "advisor", "alumni", "golf", "conference"];
    private static readonly string[] JapaneseNotes = ["物流DXに詳しい。", "来期の予算策定に関わる。", "エンジニア採用の相談に乗ってくれる。", "年賀状のやり取りあり。", "紹介に前向き。"];
    private static readonly string[] EnglishNotes = ["Knows everyone in logistics.", "Open to advising on EU expansion.", "Hiring senior engineers this year.", "Met again at the annual conference.", "Happy to make introductions."];

    /// <summary>About 40 contacts for each of the tenant's people, mostly in the tenant's language.</summary>
    public static IEnumerable<DemoContact> For(DemoTenant tenant, int personIndex, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        // HashCode is randomized per process; a seed made of the slug's characters gives the same network on every run.
        var random = new Random(tenant.Slug.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) + (personIndex * 7919));
        var japanese = tenant.Culture == "ja";
        var count = 34 + random.Next(12);
        for (var i = 0; i < count; i++)
        {
            var japaneseName = random.NextDouble() < (japanese ? 0.8 : 0.12);
            var channel = (MeetingChannel)new[] { 1, 1, 2, 3, 4, 4, 5, 6, 7, 99 }[random.Next(10)];
            var depth = 1 + random.Next(5);
            var metOn = today.AddDays(-30 - random.Next(1500));
            var visibility = (ContactVisibility)new[] { 0, 0, 0, 1, 1, 2 }[random.Next(6)];
            var openTo = (OpenTo)random.Next(8);
            string family, given;
            string? familyKana = null, givenKana = null;
            if (japaneseName)
            {
                (family, familyKana) = JapaneseFamilies[random.Next(JapaneseFamilies.Length)];
                (given, givenKana) = JapaneseGivens[random.Next(JapaneseGivens.Length)];
            }
            else
            {
                family = EnglishFamilies[random.Next(EnglishFamilies.Length)];
                given = EnglishGivens[random.Next(EnglishGivens.Length)];
            }

            var company = japanese ? Pick(random, JapaneseCompanies, EnglishCompanies, 0.8) : Pick(random, EnglishCompanies, JapaneseCompanies, 0.85);
            var title = familyKana is not null ? JapaneseTitles[random.Next(JapaneseTitles.Length)] : EnglishTitles[random.Next(EnglishTitles.Length)];
            var tags = (japanese ? JapaneseTags : EnglishTags).OrderBy(_ => random.Next()).Take(random.Next(3)).ToList();
            var interactions = Enumerable.Range(0, random.Next(4))
                .Select(n => ((InteractionKind)(1 + random.Next(7)), metOn.AddDays(random.Next(Math.Max(1, today.DayNumber - metOn.DayNumber))), (japanese ? JapaneseNotes : EnglishNotes)[random.Next(5)]))
                .OrderBy(x => x.Item2)
                .ToList();
            var emailDomain = $"{Slugify(company)}.example";
            yield return new DemoContact(
                family, given, familyKana, givenKana, company, title,
                $"{Ascii(given)}.{Ascii(family)}{personIndex}{i}@{emailDomain}",
                japanese ? $"090-{1000 + random.Next(9000)}-{1000 + random.Next(9000)}" : $"+44 7700 {100000 + random.Next(899999)}",
                channel, metOn, channel == MeetingChannel.ExchangeEvent ? (japanese ? "異業種交流会（東京）" : "London Tech Week") : null,
                depth, openTo, visibility, tags, interactions, AddressOf(japanese, personIndex, i));
        }
    }

    /// <summary>Three in four demo contacts have a postal address (for the greeting cards' labels); derived from the position, not the random sequence.</summary>
    private static string? AddressOf(bool japanese, int personIndex, int i)
    {
        if (i % 4 == 3)
        {
            return null;
        }

        var n = (i * 7) + personIndex;
        return japanese
            ? $"〒{100 + (n * 37 % 900):000}-{n * 7919 % 10000:0000} {JapaneseAddresses[n % JapaneseAddresses.Length]}"
            : EnglishAddresses[n % EnglishAddresses.Length];
    }

    private static string Pick(Random random, string[] usual, string[] other, double usualShare) =>
        random.NextDouble() < usualShare ? usual[random.Next(usual.Length)] : other[random.Next(other.Length)];

    private static string Slugify(string company) => Ascii(company, "company");

    private static string Ascii(string name) => Ascii(name, "p");

    /// <summary>ASCII letters and digits of the text, or a stable number for names written in kanji/kana.</summary>
    private static string Ascii(string text, string prefix) =>
        new string([.. text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]) is { Length: > 0 } s
            ? s
            : prefix + text.Aggregate(17u, (hash, c) => unchecked((hash * 31) + c)) % 100_000;
}

using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Seeds;

/// <summary>A demo person; <see cref="Role"/> non-null makes them a documented demo login ({role}@{tenant}.example).</summary>
public sealed record DemoPerson(string Email, string DisplayName, string? Kana, string Department, string Title, string? Role, IReadOnlyList<string> Expertise);

public sealed record DemoTenant(string Slug, string Name, string Culture, string TimeZoneId, IReadOnlyList<string> Departments, IReadOnlyList<DemoPerson> People);

public static class DemoTenants
{
    public static DemoTenant Sakura { get; } = new(
        "sakura",
        "さくら商事株式会社",
        "ja",
        "Asia/Tokyo",
        ["経営企画部", "営業部", "人事部", "開発部", "マーケティング部"],
        [
            new("admin@sakura.example", "佐藤 美咲", "さとう みさき", "経営企画部", "情報システム課長", Roles.Admin, ["IT統制", "SaaS導入"]),
            new("hr@sakura.example", "鈴木 健太", "すずき けんた", "人事部", "人事部長", Roles.HR, ["採用", "リファラル採用", "労務"]),
            new("manager@sakura.example", "高橋 直子", "たかはし なおこ", "営業部", "営業部長", Roles.Manager, ["法人営業", "製造業"]),
            new("executive@sakura.example", "田中 一郎", "たなか いちろう", "経営企画部", "代表取締役社長", Roles.Executive, ["経営", "資本政策"]),
            new("employee@sakura.example", "伊藤 翔", "いとう しょう", "営業部", "営業担当", Roles.Employee, ["インサイドセールス", "異業種交流会"]),
            new("watanabe@sakura.example", "渡辺 さやか", "わたなべ さやか", "マーケティング部", "マーケティングマネージャー", null, ["イベント企画", "SNS運用"]),
            new("yamamoto@sakura.example", "山本 大輔", "やまもと だいすけ", "開発部", "エンジニアリングマネージャー", null, ["Go", "クラウド", "技術顧問"]),
            new("nakamura@sakura.example", "中村 優子", "なかむら ゆうこ", "営業部", "アカウントエグゼクティブ", null, ["小売業", "物流"]),
        ]);

    public static DemoTenant Northwind { get; } = new(
        "northwind",
        "Northwind Traders",
        "en",
        "Europe/London",
        ["Executive Office", "Sales", "People", "Engineering", "Marketing"],
        [
            new("admin@northwind.example", "Olivia Bennett", null, "Executive Office", "IT Operations Lead", Roles.Admin, ["IT governance", "Security"]),
            new("hr@northwind.example", "James Carter", null, "People", "Head of People", Roles.HR, ["Recruiting", "Referral hiring"]),
            new("manager@northwind.example", "Priya Shah", null, "Sales", "Sales Director", Roles.Manager, ["Enterprise sales", "Retail"]),
            new("executive@northwind.example", "William Hughes", null, "Executive Office", "Chief Executive Officer", Roles.Executive, ["Strategy", "Fundraising"]),
            new("employee@northwind.example", "Emma Wilson", null, "Sales", "Account Executive", Roles.Employee, ["Logistics", "Trade events"]),
            new("thomas@northwind.example", "Thomas Evans", null, "Engineering", "Engineering Manager", null, ["Go", "Cloud", "Mentoring"]),
            new("sophie@northwind.example", "Sophie Clarke", null, "Marketing", "Marketing Manager", null, ["Events", "Community"]),
            new("daniel@northwind.example", "Daniel Murphy", null, "Sales", "Business Development", null, ["Food and beverage", "Partnerships"]),
        ]);
}

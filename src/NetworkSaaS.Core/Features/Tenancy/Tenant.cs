namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>A customer company. Platform-level: the one table every tenant can see a row of (to resolve slugs).</summary>
public sealed class Tenant : ITenantInfo
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string DefaultCulture { get; set; } = SupportedCultures.Japanese;
    public string TimeZoneId { get; set; } = "Asia/Tokyo";
    /// <summary>What a new contact's visibility starts as; the owner can always change it.</summary>
    public Contacts.ContactVisibility DefaultContactVisibility { get; set; } = Contacts.ContactVisibility.Private;

    /// <summary>The month (1–12) the company's fiscal year starts in; reports group by it. April, as in most Japanese companies.</summary>
    public int FiscalYearStartMonth { get; set; } = FiscalYearStart.DefaultMonth;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class FiscalYearStart
{
    public const int DefaultMonth = 4;

    public static bool IsValid(int month) => month is >= 1 and <= 12;
}

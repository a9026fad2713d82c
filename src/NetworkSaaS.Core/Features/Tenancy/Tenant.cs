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

    /// <summary>Seasonal campaigns (年賀状, 暑中見舞い, 異動): see <see cref="Campaigns.CampaignSettings"/>.</summary>
    public bool NewYearGreetingsEnabled { get; set; }
    public bool SummerGreetingsEnabled { get; set; }
    public bool TransferSeasonCheckEnabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

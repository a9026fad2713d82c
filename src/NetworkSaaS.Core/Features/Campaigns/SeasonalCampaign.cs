using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Campaigns;

/// <summary>The optional Japanese seasonal touchpoints. Stored as a number: never renumber.</summary>
public enum SeasonalCampaign
{
    /// <summary>年賀状: New Year cards (and 寒中見舞い for people in mourning).</summary>
    NewYear = 1,

    /// <summary>暑中見舞い (残暑見舞い after 立秋): summer greeting cards.</summary>
    Summer = 2,

    /// <summary>異動: the April personnel changes; contacts' companies, departments and titles are confirmed.</summary>
    TransferSeason = 3,
}

/// <summary>Which campaigns a company has turned on (tenant settings).</summary>
public static class CampaignSettings
{
    public static bool IsEnabled(this ITenantInfo tenant, SeasonalCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return campaign switch
        {
            SeasonalCampaign.NewYear => tenant.NewYearGreetingsEnabled,
            SeasonalCampaign.Summer => tenant.SummerGreetingsEnabled,
            _ => tenant.TransferSeasonCheckEnabled,
        };
    }

    /// <summary>New companies: every campaign on when the company's language is Japanese, off otherwise (an admin can change it).</summary>
    public static bool DefaultFor(string defaultCulture) => defaultCulture == SupportedCultures.Japanese;
}

/// <summary>How the owner placed a contact on a greeting list; without a choice the suggestion decides.</summary>
public enum GreetingInclusion
{
    Suggested = 0,
    Included = 1,
    Excluded = 2,
}

/// <summary>
/// One contact on one season's greeting list (New Year or summer), written only when the owner acts: included or
/// excluded by hand, in mourning (喪中) this season, or the card was sent. Contacts without a row follow the suggestion.
/// </summary>
public sealed class GreetingListEntry : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ContactId { get; set; }
    public SeasonalCampaign Campaign { get; set; }

    /// <summary>The year of the New Year the cards are for (Nov 2026 → 2027), or the summer's year.</summary>
    public int Season { get; set; }

    public GreetingInclusion Inclusion { get; set; }

    /// <summary>喪中: no New Year card this season (a 寒中見舞い instead).</summary>
    public bool InMourning { get; set; }

    /// <summary>The local day the card was marked sent; set once, together with the interaction it logged.</summary>
    public DateOnly? SentOn { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum TransferOutcome
{
    Unchanged = 1,
    Updated = 2,
}

/// <summary>The owner confirmed a contact's company, department and title in one year's transfer season (at most once a year).</summary>
public sealed class TransferConfirmation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ContactId { get; set; }
    public int Year { get; set; }
    public TransferOutcome Outcome { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

/// <summary>
/// The idempotency record of a campaign notification: at most one per (tenant, user, campaign, season), inserted in the
/// same transaction as the in-app notification.
/// </summary>
public sealed class CampaignNotification : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public SeasonalCampaign Campaign { get; set; }
    public int Season { get; set; }
    public Guid NotificationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

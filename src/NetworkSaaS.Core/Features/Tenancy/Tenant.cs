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

    /// <summary>Visibility and depth of contacts an import creates (imports are triaged in bulk, so they may start elsewhere).</summary>
    public Contacts.ContactVisibility ImportedContactVisibility { get; set; } = Contacts.ContactVisibility.Private;
    public int ImportedContactDepth { get; set; } = Contacts.RelationshipDepth.Min;

    /// <summary>Working days a connector may leave a request unanswered before they are reminded (and the requester told).</summary>
    public int NudgeAfterWorkingDays { get; set; } = IntroductionSlaDefaults.NudgeAfterWorkingDays;

    /// <summary>Working days after that reminder before the requester may escalate to the connector's manager.</summary>
    public int EscalateAfterWorkingDays { get; set; } = IntroductionSlaDefaults.EscalateAfterWorkingDays;

    /// <summary>Days without an outcome update after an introduction before the requester is asked where it led.</summary>
    public int OutcomePromptAfterDays { get; set; } = IntroductionSlaDefaults.OutcomePromptAfterDays;
    /// <summary>Seasonal campaigns (年賀状, 暑中見舞い, 異動): see <see cref="Campaigns.CampaignSettings"/>.</summary>
    public bool NewYearGreetingsEnabled { get; set; }
    public bool SummerGreetingsEnabled { get; set; }
    public bool TransferSeasonCheckEnabled { get; set; }

    /// <summary>The month (1–12) the company's fiscal year starts in; reports group by it. April, as in most Japanese companies.</summary>
    public int FiscalYearStartMonth { get; set; } = FiscalYearStart.DefaultMonth;

    /// <summary>Who must have a second factor before they can use the app.</summary>
    public Accounts.MfaPolicy MfaPolicy { get; set; } = Accounts.MfaPolicy.Nobody;

    /// <summary>What happens to a leaver's Private contacts they did not decide about (see deploy/runbooks/offboarding.md).</summary>
    public Handover.LeaverPrivateContactPolicy LeaverPrivateContacts { get; set; } = Handover.LeaverPrivateContactPolicy.DeleteAfterDays;

    /// <summary>Days after the deactivation before those contacts are deleted, under <see cref="Handover.LeaverPrivateContactPolicy.DeleteAfterDays"/>.</summary>
    public int LeaverPrivateContactDays { get; set; } = Handover.LeaverPrivateContactDefaults.Days;
    /// <summary>Who handles requests from people in the network about their data (APPI/GDPR).</summary>
    public Privacy.PrivacyHandlers PrivacyRequestHandlers { get; set; } = Privacy.PrivacyHandlers.AdminAndHR;

    /// <summary>Days from receiving a privacy request to its default due date.</summary>
    public int PrivacyRequestDueDays { get; set; } = Privacy.PrivacyRequestDefaults.DueDays;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The introduction reminder periods of a new company, and the range an admin may choose from.</summary>
public static class IntroductionSlaDefaults
{
    public const int NudgeAfterWorkingDays = 3;
    public const int EscalateAfterWorkingDays = 3;
    public const int OutcomePromptAfterDays = 30;
    public const int MaxWorkingDays = 30;
    public const int MaxOutcomePromptDays = 365;
}

/// <summary>The first month of the fiscal year that reports group by.</summary>
public static class FiscalYearStart
{
    public const int DefaultMonth = 4;

    public static bool IsValid(int month) => month is >= 1 and <= 12;
}

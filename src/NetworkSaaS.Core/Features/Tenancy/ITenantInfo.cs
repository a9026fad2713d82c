namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>What the rest of the app knows about the current tenant (Finbuckle's vocabulary).</summary>
public interface ITenantInfo
{
    Guid Id { get; }
    string Slug { get; }
    string Name { get; }
    string DefaultCulture { get; }
    string TimeZoneId { get; }
    Contacts.ContactVisibility DefaultContactVisibility { get; }
    Contacts.ContactVisibility ImportedContactVisibility { get; }
    int ImportedContactDepth { get; }
    bool NewYearGreetingsEnabled { get; }
    bool SummerGreetingsEnabled { get; }
    bool TransferSeasonCheckEnabled { get; }
    int FiscalYearStartMonth { get; }
    Accounts.MfaPolicy MfaPolicy { get; }
}

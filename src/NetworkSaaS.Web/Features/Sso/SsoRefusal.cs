namespace NetworkSaaS.Web.Features.Sso;

/// <summary>Why an SSO sign-in was refused: the code goes into the audit entry and picks the refusal page's message.</summary>
public static class SsoRefusal
{
    public const string Failed = "failed";
    public const string NotEnabled = "not-enabled";
    public const string NoEmail = "no-email";
    public const string EmailUnverified = "email-unverified";
    public const string DomainNotCovered = "domain-not-covered";
    public const string LinkedElsewhere = "linked-elsewhere";
    public const string Inactive = "inactive";
    public const string NoAccount = "no-account";

    public static string PagePath(string tenantSlug, string code) => $"/{tenantSlug}/account/sso/refused?reason={Uri.EscapeDataString(code)}";
}

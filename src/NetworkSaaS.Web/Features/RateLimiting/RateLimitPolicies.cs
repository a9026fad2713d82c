namespace NetworkSaaS.Web.Features.RateLimiting;

/// <summary>
/// Names for <c>[EnableRateLimiting(...)]</c> on a page model. Only POSTs count. Each policy limits per IP address
/// (the global limiter) and per account or company (the named policy); both must allow a request.
/// </summary>
public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string ForgotPassword = "forgot-password";

    /// <summary>The second step of a sign-in (TOTP or recovery code). Also applied by path to <see cref="MfaPathSuffix"/>.</summary>
    public const string Mfa = "mfa";
    public const string SignUp = "sign-up";
    public const string Invitations = "invitations";
    public const string Imports = "imports";

    /// <summary>The "leave your details" form of a public business card: per IP address and per card.</summary>
    public const string BusinessCard = "business-card";

    /// <summary>The SCIM API (/{tenant}/scim/v2): every method counts, per IP address and per company.</summary>
    public const string Scim = "scim";

    /// <summary>The private calendar feeds (GET, as calendar programs poll): per IP address and per feed token, counted in each process.</summary>
    public const string CalendarFeed = "calendar-feed";

    public const string MfaPathSuffix = "/account/login/mfa";

    public static IReadOnlyList<string> All { get; } = [SignIn, ForgotPassword, Mfa, SignUp, Invitations, Imports, Scim, BusinessCard, CalendarFeed];

    /// <summary>
    /// The limits that protect accounts (and the anonymous business card form): counted in PostgreSQL, so they hold across every web process. Imports and SCIM
    /// count in each process (N processes allow up to N × the limit): a round trip per SCIM request of a provisioning
    /// burst is not worth it, and neither guards a password or a mailbox.
    /// </summary>
    public static IReadOnlySet<string> Shared { get; } = new HashSet<string>(StringComparer.Ordinal) { SignIn, ForgotPassword, Mfa, SignUp, Invitations, BusinessCard };
}

namespace NetworkSaaS.Web.Features.RateLimiting;

/// <summary>
/// Section "RateLimits": for each policy, how many POSTs one IP address and one account (or company) may make per
/// window. The defaults are the production values. Where each is counted: see RateLimitPolicies.Shared and
/// deploy/runbooks/account-security.md.
/// </summary>
public sealed class RateLimitOptions
{
    public PolicyLimits SignIn { get; set; } = new(perAddress: 50, perAccount: 10, TimeSpan.FromMinutes(5));
    public PolicyLimits ForgotPassword { get; set; } = new(perAddress: 10, perAccount: 3, TimeSpan.FromMinutes(15));
    public PolicyLimits Mfa { get; set; } = new(perAddress: 30, perAccount: 10, TimeSpan.FromMinutes(5));
    public PolicyLimits SignUp { get; set; } = new(perAddress: 5, perAccount: 3, TimeSpan.FromHours(1));
    public PolicyLimits Invitations { get; set; } = new(perAddress: 100, perAccount: 100, TimeSpan.FromHours(1));
    public PolicyLimits Imports { get; set; } = new(perAddress: 30, perAccount: 30, TimeSpan.FromHours(1));

    /// <summary>A venue's visitors may share one address (its Wi-Fi), hence more per address than per card.</summary>
    public PolicyLimits BusinessCard { get; set; } = new(perAddress: 30, perAccount: 20, TimeSpan.FromHours(1));

    /// <summary>Requests of any method: a directory's provisioning run sends a burst of them (Entra ID up to about 25 a second).</summary>
    public PolicyLimits Scim { get; set; } = new(perAddress: 3000, perAccount: 3000, TimeSpan.FromMinutes(1));

    /// <summary>The REST API: requests of any method per token (PerAccount) and window, counted in PostgreSQL (Features/Api/ApiRateLimit); PerAddress is not used.</summary>
    public PolicyLimits Api { get; set; } = new(perAddress: 0, perAccount: 600, TimeSpan.FromMinutes(1));

    public PolicyLimits For(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignIn,
        RateLimitPolicies.ForgotPassword => ForgotPassword,
        RateLimitPolicies.Mfa => Mfa,
        RateLimitPolicies.SignUp => SignUp,
        RateLimitPolicies.Invitations => Invitations,
        RateLimitPolicies.Imports => Imports,
        RateLimitPolicies.Scim => Scim,
        RateLimitPolicies.BusinessCard => BusinessCard,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate limit policy."),
    };
}

public sealed class PolicyLimits
{
    public PolicyLimits()
    {
    }

    public PolicyLimits(int perAddress, int perAccount, TimeSpan window)
    {
        PerAddress = perAddress;
        PerAccount = perAccount;
        Window = window;
    }

    /// <summary>POSTs per window from one IP address.</summary>
    public int PerAddress { get; set; }

    /// <summary>POSTs per window for one account (the email typed, the sign-in in progress) or one company.</summary>
    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace NetworkSaaS.Web.Features.Accounts.Sessions;

/// <summary>The auth cookie's name and transport rules, and keeping its session through the stamp revalidation.</summary>
public static class AuthCookie
{
    public const string SecureName = "__Host-networksaas.auth";
    public const string PlainHttpName = "networksaas.auth";

    /// <summary>
    /// True only where the app is reached over plain http on the machine itself (tests, the benchmark): browsers and
    /// HttpClient drop a Secure cookie there, and a <c>__Host-</c> cookie must be Secure. Development is always so.
    /// </summary>
    public const string OverPlainHttpSetting = "Accounts:AuthCookieOverPlainHttp";

    /// <summary>
    /// <c>__Host-</c> + Secure: the cookie is sent only over HTTPS, only to this exact host (no Domain attribute, no
    /// sibling subdomain can set or overwrite it) and for every path.
    /// </summary>
    public static void Name(CookieAuthenticationOptions options, bool overPlainHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Cookie.Name = overPlainHttp ? PlainHttpName : SecureName;
        options.Cookie.SecurePolicy = overPlainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.Cookie.Path = "/";
        options.Cookie.Domain = null;
    }

    /// <summary>The once-a-minute revalidation rebuilds the principal from the user; the session id must carry over.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(UserSessions.ClaimType) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == UserSessions.ClaimType))
        {
            identity.AddClaim(new Claim(UserSessions.ClaimType, session.Value));
        }

        // How the session was started (e.g. SSO, which the MFA requirement exempts) also carries over.
        if (context.CurrentPrincipal?.FindFirst(ClaimTypes.AuthenticationMethod) is { } method
            && context.NewPrincipal?.Identity is ClaimsIdentity renewed
            && !renewed.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod))
        {
            renewed.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method.Value));
        }

        return Task.CompletedTask;
    }
}

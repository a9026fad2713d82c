using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// Builds the framework's OpenID Connect options for one version of a company's connection: authorization code flow
/// with PKCE, nonce and state checked, ID token signature, issuer and audience validated against the provider's
/// discovery document and JWKS; the callback is the company's own /{tenant}/signin-oidc.
/// </summary>
public sealed class SsoOpenIdConnectOptions(
    SsoSchemeRegistry registry,
    IHostEnvironment environment,
    IDataProtectionProvider dataProtection,
    TimeProvider clock) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options)
    {
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !registry.TryGet(name, out var settings))
        {
            return;
        }

        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.CallbackPath = settings.CallbackPath;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.RequireHttpsMetadata = !SsoAuthority.AllowsPlainHttp(environment, settings.Authority);
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;

        // The code comes back as a top-level GET redirect, so the correlation and nonce cookies can be SameSite=Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        options.Scope.Add("profile");
        options.Scope.Add(OpenIdConnectScope.Email);
        options.MapInboundClaims = false;
        options.SaveTokens = false;

        // Okta (and others) put profile claims only in the userinfo answer; every claim it sends is kept, so the
        // admin's mapping can name any of them (department, groups, kana…).
        options.GetClaimsFromUserInfoEndpoint = true;
        options.ClaimActions.MapAll();
        foreach (var noise in new[] { "nonce", "at_hash", "c_hash", "auth_time", "iat", "nbf", "exp", "aio", "uti", "rh", "sid", "ipaddr", "platf", "ver" })
        {
            options.ClaimActions.DeleteClaim(noise);
        }

        options.TokenValidationParameters.ValidAudience = settings.ClientId;
        options.TokenValidationParameters.NameClaimType = "name";

        // The state is readable only by this connection (any version): another connection's scheme cannot take its callback.
        options.StateDataFormat = new PropertiesDataFormat(
            dataProtection.CreateProtector(typeof(SsoOpenIdConnectHandler).FullName!, settings.ConnectionId.ToString("N"), "state"));
        options.TimeProvider = clock;
        options.EventsType = typeof(SsoOpenIdConnectEvents);
    }
}

public static class SsoAuthority
{
    /// <summary>
    /// Outside Development (and the tests' environment) the provider must be on HTTPS; there, a provider on the
    /// loopback interface may use plain http so SSO can be tried locally.
    /// </summary>
    public static bool AllowsPlainHttp(IHostEnvironment environment, string authority)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
               && Uri.TryCreate(authority, UriKind.Absolute, out var uri)
               && uri.Scheme == Uri.UriSchemeHttp
               && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
    }

    /// <summary>An absolute https URL without query or fragment (or loopback http where allowed).</summary>
    public static bool IsAcceptable(IHostEnvironment environment, string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || AllowsPlainHttp(environment, authority));
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>A person at the test identity provider, and what the provider says about them.</summary>
public sealed record TestOidcUser(string Email)
{
    public string Subject { get; init; } = Guid.NewGuid().ToString("N");
    public string? Name { get; init; }
    public string? Kana { get; init; }
    public string? Department { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Sent as <c>email_verified</c> when set; null sends no such claim (as Entra ID does).</summary>
    public bool? EmailVerified { get; init; }

    /// <summary>Removed or disabled at the provider: it refuses to sign them in (access_denied).</summary>
    public bool Disabled { get; init; }

    /// <summary>The ID token carries another nonce than the one the client sent.</summary>
    public bool WrongNonce { get; init; }

    /// <summary>The ID token is issued for this audience instead of the client that asked (another client's token).</summary>
    public string? Audience { get; init; }
}

/// <summary>
/// A real OpenID Connect provider for the tests: OpenIddict's server on its own Kestrel on a free loopback port, with
/// discovery, JWKS (its own RS256 signing key), authorization code flow with PKCE, one-time codes and userinfo.
/// Clients and users are registered per test; the user is picked by login_hint, else a tiny form asks for the email.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _redeemedCodes = new(StringComparer.Ordinal);

    private TestOidcProvider(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, TestOidcUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>client_id → (secret, redirect URIs).</summary>
    public ConcurrentDictionary<string, (string Secret, HashSet<string> RedirectUris)> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/ (what the admin types as the authority).</summary>
    public string Issuer { get; private set; } = "";


    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestOidcProvider? provider = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Email, Scopes.Profile);
            options.AddEphemeralSigningKey(SecurityAlgorithms.RsaSha256);
            options.AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (!provider!.Clients.TryGetValue(context.ClientId ?? "", out var client))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client_id.");
                }
                else if (!client.RedirectUris.Contains(context.RedirectUri ?? ""))
                {
                    context.Reject(Errors.InvalidClient, $"redirect_uri {context.RedirectUri} is not registered for this client.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (!provider!.Clients.TryGetValue(context.ClientId ?? "", out var client) || client.Secret != context.Request.ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }
                else if (context.Request.Code is { } code && !provider._redeemedCodes.TryAdd(code, true))
                {
                    context.Reject(Errors.InvalidGrant, "The authorization code was already redeemed.");
                }

                return default;
            }));

            // The knobs a test turns to make the provider misbehave: another audience, another nonce.
            options.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(b => b.UseInlineHandler(context =>
            {
                if (context.IdentityTokenPrincipal is { } principal
                    && provider!.Users.Values.FirstOrDefault(u => u.Subject == principal.GetClaim(Claims.Subject)) is { } user)
                {
                    if (user.Audience is { } audience)
                    {
                        principal.SetAudiences(audience);
                    }

                    if (user.WrongNonce)
                    {
                        principal.SetClaim(Claims.Nonce, "not-the-nonce-the-client-sent");
                    }
                }

                return default;
            }).SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 1).SetType(OpenIddictServerHandlerType.Custom));
        });

        var app = builder.Build();
        provider = new TestOidcProvider(app);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)provider.AuthorizeAsync);
        app.MapMethods("/connect/userinfo", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)provider.UserInfoAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + "/";
        return provider;
    }

    public TestOidcUser AddUser(TestOidcUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Users[user.Email] = user;
        return user;
    }

    public void AddClient(string clientId, string secret, params string[] redirectUris) =>
        Clients[clientId] = (secret, new HashSet<string>(redirectUris, StringComparer.Ordinal));

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (request.LoginHint is not { } hint || !Users.TryGetValue(hint, out var user))
        {
            return Results.Content(LoginForm(request), "text/html; charset=utf-8");
        }

        if (user.Disabled)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is disabled.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        foreach (var claim in ClaimsOf(user))
        {
            identity.AddClaim(claim);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        await Task.CompletedTask;
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        if (Users.Values.FirstOrDefault(u => u.Subject == subject) is not { } user)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var answer = new Dictionary<string, object> { [Claims.Subject] = user.Subject, [Claims.Email] = user.Email };
        if (user.Name is { } name)
        {
            answer[Claims.Name] = name;
        }

        if (user.EmailVerified is { } verified)
        {
            answer[Claims.EmailVerified] = verified;
        }

        foreach (var (type, value) in new[] { ("kana", user.Kana), ("department", user.Department), ("title", user.Title) })
        {
            if (value is not null)
            {
                answer[type] = value;
            }
        }

        if (user.Groups.Count > 0)
        {
            answer["groups"] = user.Groups;
        }

        return Results.Json(answer);
    }

    private static IEnumerable<Claim> ClaimsOf(TestOidcUser user)
    {
        yield return new Claim(Claims.Subject, user.Subject);
        yield return new Claim(Claims.Email, user.Email);
        if (user.Name is { } name)
        {
            yield return new Claim(Claims.Name, name);
        }

        if (user.EmailVerified is { } verified)
        {
            yield return new Claim(Claims.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean);
        }

        if (user.Kana is { } kana)
        {
            yield return new Claim("kana", kana);
        }

        if (user.Department is { } department)
        {
            yield return new Claim("department", department);
        }

        if (user.Title is { } title)
        {
            yield return new Claim("title", title);
        }

        foreach (var group in user.Groups)
        {
            yield return new Claim("groups", group);
        }
    }

    /// <summary>The provider's "sign in" step: the same authorization request again, with the typed email as login_hint.</summary>
    private static string LoginForm(OpenIddictRequest request)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Test identity provider</title></head><body><h1>Test identity provider</h1>");
        html.Append("<form method=\"get\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != Parameters.LoginHint)
            {
                html.Append(Hidden(name, (string?)value));
            }
        }

        html.Append("<label for=\"login_hint\">Email</label> <input id=\"login_hint\" name=\"login_hint\" type=\"email\" />");
        html.Append("<button type=\"submit\" id=\"idp-sign-in\">Sign in</button></form></body></html>");
        return html.ToString();

        static string Hidden(string name, string? value) =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value)}\" />";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

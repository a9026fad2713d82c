using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// The API's only authentication: <c>Authorization: Bearer nsa_…</c>, looked up in the tenant of the path (a token of
/// company A is unknown under /b/). A personal token becomes the same principal as its user's sign-in cookie (the
/// claims factory the cookie uses: id, roles, tenant, security stamp, language), as long as the user is active; a
/// company token gets the tenant claims, its name and its one role (HR or Admin), and no user id. Every principal also
/// carries the token's id and scopes. The sign-in cookie forwards to this scheme on API paths, so a cookie never
/// authenticates an API request (no CSRF through the API).
/// </summary>
public sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ITenantContextAccessor tenantContext,
    ApiTokenService tokens,
    AppDbContext db,
    IUserClaimsPrincipalFactory<AppUser> principals,
    IOptions<IdentityOptions> identityOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiBearer";
    public const string TokenIdClaim = "api_token_id";
    public const string TokenKindClaim = "api_token_kind";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (tenantContext.Tenant is not { } tenant
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Bearer".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.AuthenticateAsync(header.Parameter.Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired API token.");
        }

        ClaimsIdentity identity;
        if (token.Kind == ApiTokenKind.Personal)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
            if (user is null || !user.IsActive)
            {
                return AuthenticateResult.Fail("The token's user is deactivated.");
            }

            var cookiePrincipal = await principals.CreateAsync(user);
            identity = new ClaimsIdentity(cookiePrincipal.Claims, SchemeName, identityOptions.Value.ClaimsIdentity.UserNameClaimType, identityOptions.Value.ClaimsIdentity.RoleClaimType);
        }
        else
        {
            identity = new ClaimsIdentity(
            [
                new Claim(identityOptions.Value.ClaimsIdentity.UserNameClaimType, token.Name),
                new Claim(identityOptions.Value.ClaimsIdentity.RoleClaimType, token.Role ?? Roles.HR),
                new Claim(TenantClaimTypes.TenantId, tenant.Id.ToString()),
                new Claim(TenantClaimTypes.TenantSlug, tenant.Slug),
                new Claim(TenantClaimTypes.DisplayName, token.Name),
            ], SchemeName, identityOptions.Value.ClaimsIdentity.UserNameClaimType, identityOptions.Value.ClaimsIdentity.RoleClaimType);
        }

        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString()));
        identity.AddClaim(new Claim(TokenKindClaim, token.Kind.ToString()));
        foreach (var scope in ApiScopeNames.Of(token.Scopes))
        {
            identity.AddClaim(new Claim(ScopeClaim, scope));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with the Bearer challenge; the body (problem details) is written by <see cref="ApiProblemMiddleware"/>.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0
            ? "Bearer realm=\"api\", error=\"invalid_token\""
            : "Bearer realm=\"api\"";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

/// <summary>The scope names of tokens and of the <c>scope</c> claim.</summary>
public static class ApiScopeNames
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Introductions = "introductions";

    public static IEnumerable<string> Of(ApiScopes scopes)
    {
        if (scopes.HasFlag(ApiScopes.Read))
        {
            yield return Read;
        }

        if (scopes.HasFlag(ApiScopes.Write))
        {
            yield return Write;
        }

        if (scopes.HasFlag(ApiScopes.Introductions))
        {
            yield return Introductions;
        }
    }
}

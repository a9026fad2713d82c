using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// The SCIM endpoints' only authentication: a bearer token of the tenant in the path. The endpoints' policy names
/// this scheme alone, so a signed-in user's cookie never authenticates a SCIM request.
/// </summary>
public sealed class ScimAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ITenantContextAccessor tenantContext,
    ScimTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimBearer";
    public const string Policy = "Scim";
    public const string TokenIdClaim = "scim_token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (tenantContext.Tenant is null
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Bearer".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.AuthenticateAsync(header.Parameter.Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired SCIM token.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, token.Name), new Claim(TokenIdClaim, token.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        Response.ContentType = ScimSchemas.MediaType;
        await Response.WriteAsync(ScimException.Body(StatusCodes.Status401Unauthorized, null, "A valid SCIM bearer token of this company is required.").ToJsonString(), Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = ScimSchemas.MediaType;
        await Response.WriteAsync(ScimException.Body(StatusCodes.Status403Forbidden, null, "Forbidden.").ToJsonString(), Context.RequestAborted);
    }
}

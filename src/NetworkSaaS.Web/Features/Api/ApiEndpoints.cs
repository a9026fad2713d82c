using NetworkSaaS.Web.Features.Tenancy;
using Scalar.AspNetCore;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// /{tenant}/api: the OpenAPI document (/{tenant}/api/v1/openapi.json), its reference (/{tenant}/api/docs, Scalar) and
/// the v1 group. How to add endpoints:
/// <list type="number">
/// <item>Write a static class <c>XEndpoints</c> in Features/Api with <c>public static void MapX(this RouteGroupBuilder v1)</c>
/// and call it from <see cref="MapApi"/>. Handlers take services as parameters and return <c>TypedResults</c> or
/// <see cref="ApiProblem.Result"/>, or throw <see cref="ApiProblemException"/> (rolled back, answered as problem details).</item>
/// <item>Name a scope policy on every endpoint: <c>.RequireAuthorization(ApiPolicies.Read)</c> (GET),
/// <see cref="ApiPolicies.Write"/> (changes), <see cref="ApiPolicies.Introductions"/>; add <see cref="ApiPolicies.Person"/>
/// when it acts for a user, and a role where the pages check one (<c>new AuthorizeAttribute { Roles = "HR,Admin" }</c>).
/// The principal is the one the cookie gives (UserManager.GetUserId, IsInRole, the tenant's filter and RLS all work).</item>
/// <item>Lists: <see cref="ApiPageRequest.From"/> then <see cref="ApiPaging.ToPageAsync{TRow,TItem}"/>. Creates:
/// <c>.WithIdempotency()</c>, 201 with Location and ETag. Updates: <see cref="ApiETag.LockAsync"/> first (412/428), then
/// <see cref="ApiETag.SetAsync"/> after saving. GET of one resource: <see cref="ApiETag.SetAsync"/>.</item>
/// <item>The group already does: token authentication, the tenant check, rate limit headers, one transaction per write,
/// problem details for every error, the request's language, and the OpenAPI listing (give <c>.WithName</c>/<c>.WithSummary</c>).</item>
/// </list>
/// </summary>
public static class ApiEndpoints
{
    public const string DocsCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"/{{{TenantResolutionMiddleware.RouteKey}:slug}}/api").WithMetadata(new ApiCulture());
        api.MapOpenApi($"/{ApiSetup.DocumentName}/openapi.json").AllowAnonymous();
        api.MapScalarApiReference("/docs", (options, http) => options
                .WithTitle("NetworkSaaS API")
                // Absolute: Scalar makes a path relative to the page, which would lose the company.
                .WithOpenApiRoutePattern($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{http.GetRouteValue(TenantResolutionMiddleware.RouteKey)}/api/{ApiSetup.DocumentName}/openapi.json")
                .DisableDefaultFonts())
            .AllowAnonymous();

        var v1 = api.MapGroup($"/{ApiSetup.DocumentName}")
            .RequireAuthorization(ApiPolicies.Token)
            .WithGroupName(ApiSetup.DocumentName)
            .AddEndpointFilter(ApiRateLimit.FilterAsync)
            .AddEndpointFilter(ApiTransaction.FilterAsync);

        v1.MapIntroductions();
        v1.MapAsks();
        v1.MapReports();
        v1.MapFallback(() => ApiProblem.Result(StatusCodes.Status404NotFound, "No such API resource.")).ExcludeFromDescription();
        v1.MapMe();
        v1.MapContacts();
        v1.MapOrganizations();
        v1.MapUsers();
        return app;
    }

    /// <summary>GET /me: who the token acts as (and its scopes): a client's first call.</summary>
    private static void MapMe(this RouteGroupBuilder v1) =>
        v1.MapGet("/me", (HttpContext http) => TypedResults.Ok(new ApiCaller(
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id ? Guid.Parse(id) : null,
                http.User.FindFirst(TenantClaimTypes.DisplayName)?.Value ?? "",
                Enum.Parse<Core.Features.Api.ApiTokenKind>(http.User.FindFirst(ApiAuthenticationHandler.TokenKindClaim)!.Value),
                http.User.FindAll(http.User.Identities.First().RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
                http.User.FindAll(ApiAuthenticationHandler.ScopeClaim).Select(c => c.Value).ToList())))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetMe").WithSummary("The user (or company integration) the token acts as, its roles and scopes.");
}

public sealed record ApiCaller(Guid? UserId, string DisplayName, Core.Features.Api.ApiTokenKind TokenKind, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

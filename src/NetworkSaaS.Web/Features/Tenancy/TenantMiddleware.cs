using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Tenancy;

/// <summary>
/// Layer 1 of isolation, part one: the tenant is the first path segment (`/{tenant}/…`). An unknown slug is a 404;
/// a known one becomes the tenant of this request's scope (EF filter + PostgreSQL setting follow from it).
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public const string RouteKey = "tenant";

    public async Task InvokeAsync(HttpContext context, TenantStore store, ITenantContextAccessor accessor)
    {
        if (context.GetRouteValue(RouteKey) is string slug)
        {
            var tenant = await store.FindBySlugAsync(slug, context.RequestAborted).ConfigureAwait(false);
            if (tenant is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            accessor.SetTenant(tenant);
        }

        await next(context).ConfigureAwait(false);
    }
}

/// <summary>
/// Layer 1, part two: a signed-in user's tenant claim must equal the tenant in the path. A cookie from tenant A
/// never works under /b/: the answer is 404, the same as for a company that does not exist — except on the public pages
/// marked <see cref="OpenToVisitorsOfAnyCompanyAttribute"/>, which serve such a visitor as anonymous.
/// </summary>
public sealed class TenantClaimGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantContextAccessor accessor)
    {
        if (accessor.Tenant is { } tenant
            && context.User.Identity?.IsAuthenticated == true
            && context.User.FindFirst(TenantClaimTypes.TenantId)?.Value != tenant.Id.ToString())
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<OpenToVisitorsOfAnyCompanyAttribute>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }

        await next(context).ConfigureAwait(false);
    }
}

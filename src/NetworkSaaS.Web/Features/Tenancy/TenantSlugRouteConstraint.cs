using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Tenancy;

/// <summary>`{tenant:slug}`: only well-shaped, non-reserved first segments reach tenant pages.</summary>
public sealed class TenantSlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value) && value is string slug && TenantSlug.HasValidShape(slug) && !TenantSlug.IsReserved(slug);
    }
}

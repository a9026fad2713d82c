using System.Security.Claims;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>Which SCIM token made the request, for the audit trail (SCIM writes have no user as their actor).</summary>
public sealed class ScimCaller(IHttpContextAccessor http)
{
    public string Description => $"via SCIM token \"{http.HttpContext?.User.FindFirstValue(ClaimTypes.Name)}\"";
}

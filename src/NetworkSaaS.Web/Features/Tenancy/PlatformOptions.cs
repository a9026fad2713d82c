using System.Security.Claims;

namespace NetworkSaaS.Web.Features.Tenancy;

/// <summary>Platform operators are named in settings as "{tenant-slug}/{email}", never by a tenant role.</summary>
public sealed class PlatformOptions
{
    public IReadOnlyList<string> Operators { get; set; } = [];

    public bool IsOperator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var slug = user.FindFirst(TenantClaimTypes.TenantSlug)?.Value;
        var email = user.FindFirst(ClaimTypes.Email)?.Value;
        return slug is not null && email is not null
               && Operators.Contains($"{slug}/{email}", StringComparer.OrdinalIgnoreCase);
    }
}

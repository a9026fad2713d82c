using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>Puts the user's tenant (id and slug), display name and language into the sign-in cookie.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        var slug = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.Slug).SingleAsync().ConfigureAwait(false);
        identity.AddClaim(new Claim(TenantClaimTypes.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(TenantClaimTypes.TenantSlug, slug));
        identity.AddClaim(new Claim(TenantClaimTypes.DisplayName, user.DisplayName));
        if (user.Culture is { Length: > 0 } culture)
        {
            identity.AddClaim(new Claim(TenantClaimTypes.Culture, culture));
        }

        return identity;
    }
}

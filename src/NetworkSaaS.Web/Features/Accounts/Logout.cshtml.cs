using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>GET only asks for confirmation; signing out is a POST (no state change on GET).</summary>
[Mfa.AllowedWithoutSecondFactor]
public sealed class LogoutModel(SignInManager<AppUser> signIn, ITenantContextAccessor tenantContext) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect($"/{tenantContext.Tenant!.Slug}/account/login");
    }
}

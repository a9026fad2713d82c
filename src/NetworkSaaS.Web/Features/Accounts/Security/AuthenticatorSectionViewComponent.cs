using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Mfa;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>The authenticator section of the security page: status and the way to the authenticator page.</summary>
public sealed class AuthenticatorSectionViewComponent(
    UserManager<AppUser> users,
    AuthenticatorEnrollment enrollment,
    ITenantContextAccessor tenantContext) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = await users.GetUserAsync(UserClaimsPrincipal) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var tenant = tenantContext.Tenant!;
        return View("~/Features/Accounts/Security/AuthenticatorSection.cshtml", new AuthenticatorSection(
            tenant.Slug,
            user.TwoFactorEnabled,
            user.TwoFactorEnabled ? await enrollment.RecoveryCodesLeftAsync(user) : 0,
            tenant.MfaPolicy.Requires(UserClaimsPrincipal.IsInRole)));
    }
}

public sealed record AuthenticatorSection(string Slug, bool Enabled, int RecoveryCodesLeft, bool RequiredByCompany);

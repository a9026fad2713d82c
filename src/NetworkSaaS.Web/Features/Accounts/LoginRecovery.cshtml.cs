using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>The second step with one of the user's single-use recovery codes instead of the authenticator app.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.Mfa)]
public sealed class LoginRecoveryModel(
    SignInManager<AppUser> signIn,
    SecondStepSignIn secondStep,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return BackToLogin();
        }

        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = code.Length == 0 ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (!result.Succeeded)
        {
            await secondStep.FailedAsync(user, "recovery code");
            ModelState.AddModelError(string.Empty, l["The recovery code is not correct, or there were too many attempts. Try again in a few minutes."]);
            return Page();
        }

        await secondStep.RecoveryCodeUsedAsync(user);
        SecondStepSignIn.Completed(user, Response);
        return LocalRedirect(LoginModel.SafeReturnUrl(Url, tenantContext.Tenant!, ReturnUrl));
    }

    private RedirectResult BackToLogin() => Redirect($"/{tenantContext.Tenant!.Slug}/account/login");
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>
/// The second step of signing in, after a correct password: a code from the authenticator app. Only reachable with
/// Identity's short-lived two-factor cookie, whose user is looked up within this company only.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.Mfa)]
public sealed class LoginMfaModel(
    SignInManager<AppUser> signIn,
    SecondStepSignIn secondStep,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Keep me signed in" as chosen on the first step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Skip the code in this browser for 30 days.</summary>
    [BindProperty]
    public bool RememberBrowser { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return BackToLogin();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(AuthenticatorEnrollment.Normalize(Code), RememberMe, RememberBrowser);
        if (!result.Succeeded)
        {
            await secondStep.FailedAsync(user, "authenticator");
            ModelState.AddModelError(string.Empty, l["The code is not correct, or there were too many attempts. Try again in a few minutes."]);
            return Page();
        }

        SecondStepSignIn.Completed(user, Response);
        return LocalRedirect(LoginModel.SafeReturnUrl(Url, tenantContext.Tenant!, ReturnUrl));
    }

    private RedirectResult BackToLogin() => Redirect($"/{tenantContext.Tenant!.Slug}/account/login");
}

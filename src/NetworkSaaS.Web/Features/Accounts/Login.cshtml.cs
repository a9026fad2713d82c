using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.SignIn)]
public sealed class LoginModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    Sso.SsoRequiredPolicy ssoRequired,
    IStringLocalizer<SharedResource> l) : PageModel
{
    // Verifying against a throwaway hash makes an unknown email cost as much time as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (await ssoRequired.RefusesAsync(Input.Email.Trim(), user, "sign-in", HttpContext.RequestAborted))
        {
            ModelState.AddModelError(string.Empty, l["Your company signs you in with your company account: use “Sign in with your company account” below."]);
            return Page();
        }

        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, Input.Password);
            return Failed();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/LoginMfa", new { tenant = tenantContext.Tenant!.Slug, ReturnUrl, Input.RememberMe });
        }

        if (!result.Succeeded)
        {
            // Wrong password, locked out or deactivated: one message, so nobody learns which emails exist.
            return Failed();
        }

        if (user.Culture is { Length: > 0 } culture)
        {
            LocalizationSetup.WriteCultureCookie(Response, culture);
        }

        return LocalRedirect(SafeReturnUrl());
    }

    private PageResult Failed()
    {
        ModelState.AddModelError(string.Empty, l["The email or password is not correct."]);
        return Page();
    }

    private string SafeReturnUrl() => SafeReturnUrl(Url, tenantContext.Tenant!, ReturnUrl);

    /// <summary>Where to go after signing in: a local address of this company, else its home page.</summary>
    internal static string SafeReturnUrl(IUrlHelper url, ITenantInfo tenant, string? returnUrl)
    {
        var home = $"/{tenant.Slug}/";
        return returnUrl is { Length: > 0 } local && url.IsLocalUrl(local) && local.StartsWith(home, StringComparison.Ordinal) ? local : home;
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}

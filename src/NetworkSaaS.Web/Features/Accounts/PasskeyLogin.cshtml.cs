using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Passkeys;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>Passwordless sign-in with a passkey (the button on the login page posts here).</summary>
[AllowAnonymous]
public sealed class PasskeyLoginModel(PasskeySignIn passkeys, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostOptionsAsync() =>
        Content(await passkeys.MakeRequestOptionsAsync(), "application/json");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(CredentialJson) ? null : await passkeys.SignInAsync(CredentialJson, cancellationToken);
        if (user is null)
        {
            Problem = l["That passkey did not work here. Sign in with your email and password, or try again."];
            return Page();
        }

        if (user.Culture is { Length: > 0 } culture)
        {
            LocalizationSetup.WriteCultureCookie(Response, culture);
        }

        return BackToLogin();
    }

    /// <summary>The login page, which sends a signed-in user on to the (checked) return address.</summary>
    public string LoginPath() =>
        $"/{tenantContext.Tenant!.Slug}/account/login" + (ReturnUrl is { Length: > 0 } url ? "?returnUrl=" + Uri.EscapeDataString(url) : "");

    private RedirectResult BackToLogin() => Redirect(LoginPath());
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>"Sign in with your company account": the address's domain picks the company's identity provider.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.SignIn)]
public sealed class SignInModel(AppDbContext db, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set once the provider's address is known: the page continues there.</summary>
    public string? ContinueUrl { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var connection = await db.EnabledConnectionForAsync(email, cancellationToken);
        if (connection is null)
        {
            ModelState.AddModelError(nameof(Email), l["Your company has not set up sign-in with a company account for this address. Sign in with your password."]);
            return Page();
        }

        var properties = new AuthenticationProperties();
        properties.Items[SsoOpenIdConnectEvents.LoginHintKey] = email;
        properties.Items[SsoOpenIdConnectEvents.ReturnUrlKey] = ReturnUrl;
        properties.RedirectUri = $"/{tenantContext.Tenant!.Slug}/";
        try
        {
            ContinueUrl = await SsoChallenge.StartAsync(HttpContext, SsoSchemeName.For(connection.Id, connection.Version), properties);
        }
        catch (InvalidOperationException)
        {
            // The provider's discovery document could not be read (down, or misconfigured): nothing was sent anywhere.
            ModelState.AddModelError(nameof(Email), l["Your company's sign-in service cannot be reached right now. Try again later, or ask your IT administrator."]);
        }

        return Page();
    }
}

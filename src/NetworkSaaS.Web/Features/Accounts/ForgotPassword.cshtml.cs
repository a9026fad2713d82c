using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.ForgotPassword)]
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users,
    IBackgroundJobClient jobs,
    ITenantContextAccessor tenantContext,
    Sso.SsoRequiredPolicy ssoRequired,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same work and the same answer whether or not the email is an active user's: one lookup and one job,
        // which mails only a real user (Guid.Empty is nobody). No timing tells which emails exist.
        var user = await users.FindByEmailAsync(Email.Trim());
        if (await ssoRequired.RefusesAsync(Email.Trim(), user, "password-reset", HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Email), l["Your company signs you in with your company account: its password is managed by your company's IT, not here."]);
            return Page();
        }

        var userId = user is { IsActive: true } ? user.Id : Guid.Empty;
        var tenantId = tenantContext.Tenant!.Id;
        jobs.Enqueue<PasswordResetMailJob>(j => j.RunAsync(tenantId, userId, CancellationToken.None));
        Sent = true;
        return Page();
    }
}

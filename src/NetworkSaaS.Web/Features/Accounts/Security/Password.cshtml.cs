using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>
/// Changes the signed-in user's password, given the current one. Wrong current passwords count towards lockout as at
/// sign-in. The change renews the security stamp (Identity does it with the new hash), which ends the user's other
/// sessions; this browser's session is re-issued with the new stamp.
/// </summary>
public sealed class PasswordModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, l["Too many wrong passwords. Try again in a few minutes."]);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword"
                    : error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.NewPassword"
                    : string.Empty;
                ModelState.AddModelError(field, error.Description);
            }

            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
            }

            return Page();
        }

        audit.Record(AuditActions.PasswordChanged, user.Email!);
        await users.ResetAccessFailedCountAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = l["Your password has been changed. Your other sessions have been signed out."].Value;
        return Redirect($"/{tenantContext.Tenant!.Slug}/account/security");
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>The model of the password section on the security page (an empty form).</summary>
public sealed class ChangePasswordForm
{
    public ChangePasswordInput Input { get; } = new();
}

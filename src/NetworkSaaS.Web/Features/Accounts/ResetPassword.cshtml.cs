using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

public sealed class ResetPasswordModel(
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    AuditLog audit,
    AppDbContext db,
    Sso.SsoRequiredPolicy ssoRequired,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public void OnGet(string? userId, string? token)
    {
        Input.UserId = userId ?? "";
        Input.Token = token ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByIdAsync(Input.UserId);
        if (user?.Email is { } email && await ssoRequired.RefusesAsync(email, user, "password-reset", HttpContext.RequestAborted))
        {
            ModelState.AddModelError(string.Empty, l["Your company signs you in with your company account: its password is managed by your company's IT, not here."]);
            return Page();
        }

        var result = user is { IsActive: true }
            ? await users.ResetPasswordAsync(user, Input.Token, Input.Password)
            : IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
            }

            return Page();
        }

        // The new security stamp has already ended every session of the user (SessionEndingUserManager).
        audit.RecordBy(user!.Id, AuditActions.PasswordReset, user.Email ?? user.Id.ToString());
        await db.SaveChangesAsync();
        TempData["Status"] = l["Your password has been changed. Sign in with the new one."].Value;
        return Redirect($"/{tenantContext.Tenant!.Slug}/account/login");
    }
}

public sealed class ResetPasswordInput
{
    public string UserId { get; set; } = "";
    public string Token { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Ops;

namespace NetworkSaaS.Web.Features.OpsSignIn;

/// <summary>
/// First step of an operator's sign-in: the password. It opens only the second step (authenticator code, or enrollment
/// when the operator has none yet). Wrong passwords count towards Identity's lockout; every attempt is audited.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(NetworkSaaS.Web.Features.RateLimiting.RateLimitPolicies.SignIn)]
public sealed class LoginModel(
    UserManager<PlatformOperator> users,
    OperatorSignIn signIn,
    PlatformAudit audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public OperatorLoginInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            await audit.RecordAsync(PlatformAuditActions.SignInFailed, Input.Email, null, "unknown email", cancellationToken);
            return Refused();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(PlatformAuditActions.SignInFailed, user.Email, user.Id, "locked out", cancellationToken);
            return Refused();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await OperatorLockout.CountFailureAsync(users, audit, user, "wrong password", cancellationToken);
            return Refused();
        }

        await signIn.SignInAsync(user, OperatorAuthentication.PasswordStage);
        return Redirect(user.TwoFactorEnabled ? "/ops/login/code" : "/ops/enroll");
    }

    private PageResult Refused()
    {
        ModelState.AddModelError(string.Empty, l["The email or password is not correct, or the account is locked for a while."]);
        return Page();
    }
}

public sealed class OperatorLoginInput
{
    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

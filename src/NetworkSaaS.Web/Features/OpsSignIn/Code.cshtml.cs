using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Ops;

namespace NetworkSaaS.Web.Features.OpsSignIn;

/// <summary>Second step: the RFC 6238 code. Only after it does the operator cookie open /ops.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(NetworkSaaS.Web.Features.RateLimiting.RateLimitPolicies.Mfa)]
[Authorize(Policy = OperatorAuthentication.PasswordCheckedPolicy)]
public sealed class CodeModel(
    UserManager<PlatformOperator> users,
    OperatorSignIn signIn,
    PlatformAudit audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "This field is required.")]
    public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is { TwoFactorEnabled: true } ? Page() : Redirect("/ops/enroll");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null or { TwoFactorEnabled: false })
        {
            return Redirect("/ops/login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.IsLockedOutAsync(user) || !await users.VerifyTwoFactorTokenAsync(user, OperatorAuthentication.AuthenticatorProvider, AuthenticatorEnrollment.Normalize(Code)))
        {
            await OperatorLockout.CountFailureAsync(users, audit, user, "wrong authenticator code", cancellationToken);
            ModelState.AddModelError(string.Empty, l["The code is not correct, or the account is locked for a while."]);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, OperatorAuthentication.SignedInStage);
        await audit.RecordAsync(PlatformAuditActions.SignInSucceeded, user.Email, user.Id, cancellationToken: cancellationToken);
        return Redirect("/ops/tenants");
    }
}

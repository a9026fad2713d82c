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

/// <summary>
/// An operator without a confirmed authenticator (new, or reset from the command line) does this before anything else:
/// scan the key, prove it with a code, and replace the one-time password. Then the sign-in completes.
/// </summary>
[Authorize(Policy = OperatorAuthentication.PasswordCheckedPolicy)]
public sealed class EnrollModel(
    UserManager<PlatformOperator> users,
    OperatorSignIn signIn,
    PlatformAudit audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EnrollInput Input { get; set; } = new();

    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public bool PasswordChangeRequired { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Redirect("/ops/login");
        }

        return user.TwoFactorEnabled ? Redirect("/ops/login/code") : await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled)
        {
            return Redirect("/ops/login");
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }

        if (await users.IsLockedOutAsync(user) || !await users.VerifyTwoFactorTokenAsync(user, OperatorAuthentication.AuthenticatorProvider, AuthenticatorEnrollment.Normalize(Input.Code)))
        {
            await OperatorLockout.CountFailureAsync(users, audit, user, "wrong authenticator code at enrollment", cancellationToken);
            ModelState.AddModelError(string.Empty, l["The code is not correct, or the account is locked for a while."]);
            return await ShowAsync(user);
        }

        if (user.PasswordChangeRequired && !await ReplacePasswordAsync(user))
        {
            return await ShowAsync(user);
        }

        user.PasswordChangeRequired = false;
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(PlatformAuditActions.MfaEnrolled, user.Email, user.Id, cancellationToken: cancellationToken);
        await signIn.SignInAsync(user, OperatorAuthentication.SignedInStage);
        await audit.RecordAsync(PlatformAuditActions.SignInSucceeded, user.Email, user.Id, cancellationToken: cancellationToken);
        return Redirect("/ops/tenants");
    }

    private async Task<bool> ReplacePasswordAsync(PlatformOperator user)
    {
        if (string.IsNullOrEmpty(Input.NewPassword) || Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.NewPassword", l["Enter the same new password twice."]);
            return false;
        }

        if (await users.CheckPasswordAsync(user, Input.NewPassword))
        {
            ModelState.AddModelError("Input.NewPassword", l["Choose a password other than the one-time password."]);
            return false;
        }

        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, Input.NewPassword)).Errors);
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError("Input.NewPassword", error.Description);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        // Validated above, so removing the old password cannot leave the operator without one.
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, Input.NewPassword);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(PlatformAuditActions.PasswordChanged, user.Email, user.Id, "one-time password replaced at enrollment");
        return true;
    }

    private async Task<PageResult> ShowAsync(PlatformOperator user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("The operator was created without an authenticator key.");
        SharedKey = AuthenticatorKeyDisplay.Grouped(key);
        QrCodeDataUri = AuthenticatorKeyDisplay.QrCodeDataUri("NetworkSaaS operations", user.Email, key);
        PasswordChangeRequired = user.PasswordChangeRequired;
        return Page();
    }
}

public sealed class EnrollInput
{
    [Required(ErrorMessage = "This field is required.")]
    public string Code { get; set; } = "";

    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>
/// The user's authenticator app: set up (scan or type the key, prove it with a code), recovery codes shown once,
/// new recovery codes, turning it off, and forgetting the browsers that skip the code. Changes that weaken or replace
/// the second factor need a current code or the password.
/// </summary>
[AllowedWithoutSecondFactor]
public sealed class AuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuthenticatorEnrollment enrollment,
    AppDbContext db,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    Sso.SsoRequiredPolicy ssoRequired,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Set while enrolling: the key as text and as a QR code.</summary>
    public string? GroupedKey { get; private set; }
    public string? QrCodeDataUri { get; private set; }

    /// <summary>Shown once, right after they were made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public bool RequiredByCompany { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>A current authenticator code or the password, to turn off or renew.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(await CurrentUserAsync());
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        var user = await CurrentUserAsync();
        if (await RefusedBySsoAsync(user))
        {
            return Page();
        }

        if (!user.TwoFactorEnabled)
        {
            await enrollment.NewKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (await RefusedBySsoAsync(user))
        {
            return Page();
        }

        if (await enrollment.KeyAsync(user) is null || !await enrollment.IsValidCodeAsync(user, Code))
        {
            ModelState.AddModelError(nameof(Code), l["The code is not correct. Enter the current code from your authenticator app."]);
            audit.Record(AuditActions.MfaFailed, user.Email!, "enrollment");
            await db.SaveChangesAsync();
            await LoadAsync(user);
            return Page();
        }

        NewRecoveryCodes = await enrollment.EnableAsync(user);
        audit.Record(AuditActions.MfaEnabled, user.Email!, "authenticator");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled || !await IsConfirmedAsync(user))
        {
            return await RefusedAsync(user);
        }

        NewRecoveryCodes = await enrollment.NewRecoveryCodesAsync(user);
        audit.Record(AuditActions.MfaRecoveryCodesRegenerated, user.Email!);
        await db.SaveChangesAsync();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled || !await IsConfirmedAsync(user))
        {
            return await RefusedAsync(user);
        }

        await enrollment.TurnOffAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        audit.Record(AuditActions.MfaDisabled, user.Email!, "authenticator");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = l["Two-step sign-in is off."].Value;
        return RedirectToPage();
    }

    /// <summary>Every browser that skips the code (this one included) asks for it again; other sessions end too.</summary>
    public async Task<IActionResult> OnPostForgetBrowsersAsync()
    {
        var user = await CurrentUserAsync();
        await signIn.ForgetTwoFactorClientAsync();
        await users.UpdateSecurityStampAsync(user);
        audit.Record(AuditActions.MfaRememberedBrowsersForgotten, user.Email!);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = l["Every browser will ask for a code at the next sign-in."].Value;
        return Redirect($"/{tenantContext.Tenant!.Slug}/account/security");
    }

    private async Task<bool> IsConfirmedAsync(AppUser user)
    {
        var given = Confirmation ?? "";
        if (await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var confirmed = AuthenticatorEnrollment.Normalize(given) is { Length: 6 } digits && digits.All(char.IsAsciiDigit)
            ? await enrollment.IsValidCodeAsync(user, digits)
            : given.Length > 0 && await users.CheckPasswordAsync(user, given);
        if (!confirmed)
        {
            await users.AccessFailedAsync(user);
        }

        return confirmed;
    }

    private async Task<IActionResult> RefusedAsync(AppUser user)
    {
        ModelState.AddModelError(string.Empty, l["Enter a current code from your authenticator app or your password."]);
        audit.Record(AuditActions.MfaFailed, user.Email!, "confirmation");
        await db.SaveChangesAsync();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Under "SSO required" the company's provider is the second factor; only Admins set up an authenticator here.</summary>
    private async Task<bool> RefusedBySsoAsync(AppUser user)
    {
        if (!await ssoRequired.RefusesEnrollmentAsync(user, HttpContext.RequestAborted))
        {
            return false;
        }

        ModelState.AddModelError(string.Empty, l["Your company signs you in with your company account, which takes care of two-step sign-in: no authenticator app is set up here."]);
        await LoadAsync(user);
        return true;
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        RequiredByCompany = tenantContext.Tenant!.MfaPolicy.Requires(User.IsInRole);
        if (Enabled)
        {
            RecoveryCodesLeft = await enrollment.RecoveryCodesLeftAsync(user);
        }
        else if (await enrollment.KeyAsync(user) is { } key)
        {
            GroupedKey = AuthenticatorKeyDisplay.Grouped(key);
            QrCodeDataUri = AuthenticatorKeyDisplay.QrCodeDataUri($"NetworkSaaS ({tenantContext.Tenant.Slug})", user.Email!, key);
        }
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>A deactivated user cannot sign in; a remembered browser must carry the current security stamp; the rest is Identity's.</summary>
public sealed class ActiveUserSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user).ConfigureAwait(false);
    }

    /// <summary>
    /// Identity's recovery-code step neither refuses a locked-out account nor counts a wrong code; here a wrong recovery
    /// code costs the same lockout budget as a wrong password or authenticator code.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false);
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await UserManager.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return SignInResult.LockedOut;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await UserManager.AccessFailedAsync(user).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Identity compares only the user id and revalidates the stamp at intervals; comparing the stamp every time means
    /// "forget remembered browsers", turning MFA off and an admin's MFA reset take effect at once everywhere.
    /// </summary>
    public override async Task<bool> IsTwoFactorClientRememberedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var remembered = (await Context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme).ConfigureAwait(false)).Principal;
        return remembered?.FindFirstValue(ClaimTypes.Name) == user.Id.ToString()
               && remembered.FindFirstValue(Options.ClaimsIdentity.SecurityStampClaimType) is { Length: > 0 } stamp
               && stamp == await UserManager.GetSecurityStampAsync(user).ConfigureAwait(false);
    }
}

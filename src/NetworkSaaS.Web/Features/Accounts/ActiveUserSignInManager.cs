using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Accounts.Sessions;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>
/// A deactivated user cannot sign in; every sign-in (password, second factor, passkey, external) starts a server-side
/// session whose id goes into the cookie, and sign-out ends it. Sign-ins and failed password checks are audited.
/// A remembered browser must carry the current security stamp.
/// </summary>
public sealed class ActiveUserSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    UserSessions sessions,
    AuditLog audit,
    AppDbContext db)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user).ConfigureAwait(false);
    }

    /// <summary>The one place every sign-in path passes through before the cookie is written.</summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        authenticationProperties ??= new AuthenticationProperties();
        var session = await sessions.StartAsync(user, authenticationProperties.IsPersistent, _refreshing).ConfigureAwait(false);
        if (session.IsPersistent)
        {
            // "Keep me signed in": the cookie lives as long as the session may (30 days), not just the 12-hour slide.
            authenticationProperties.ExpiresUtc = session.ExpiresAt;
        }

        if (!_refreshing)
        {
            audit.RecordBy(user.Id, AuditActions.SignedIn, user.Email ?? user.Id.ToString(), session.Id.ToString());
            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(UserSessions.ClaimType, session.Id.ToString())))
            .ConfigureAwait(false);
    }

    /// <summary>Re-issues the cookie after a change of the user's own credentials; the session is replaced, not added.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user).ConfigureAwait(false);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignOutAsync()
    {
        await sessions.EndCurrentAsync().ConfigureAwait(false);
        await base.SignOutAsync().ConfigureAwait(false);
    }

    /// <summary>Audits each failed password check with its reason; the sign-in page still shows one message for all.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wasLockedOut = await UserManager.IsLockedOutAsync(user).ConfigureAwait(false);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return result;
        }

        var subject = user.Email ?? user.Id.ToString();
        var reason = result.IsNotAllowed ? "inactive" : wasLockedOut ? "locked-out" : "bad-password";
        audit.RecordBy(user.Id, AuditActions.SignInFailed, subject, reason);
        if (result.IsLockedOut && !wasLockedOut)
        {
            audit.RecordBy(user.Id, AuditActions.LockedOut, subject, user.LockoutEnd?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
        return result;
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

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Accounts.Passkeys;

/// <summary>
/// Passwordless sign-in with a passkey, on Identity's assertion. Identity's own PasskeySignInAsync neither checks
/// that the account may sign in (deactivated, locked out) nor marks the session as multi-factor, so this does both.
/// </summary>
public sealed class PasskeySignIn(SignInManager<AppUser> signIn, AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The "amr" values of a passkey session: a hardware-bound key, used with user verification (multi-factor).</summary>
    public static readonly IReadOnlyList<string> AuthenticationMethods = ["hwk", "mfa"];

    public Task<string> MakeRequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(user: null);

    /// <summary>Verifies the assertion and signs the user in; null when it fails for any reason (one answer for all).</summary>
    public async Task<AppUser?> SignInAsync(string credentialJson, CancellationToken cancellationToken)
    {
        PasskeyAssertionResult<AppUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No assertion under way in this browser (the options were never asked for, or were already used).
            return null;
        }

        if (!assertion.Succeeded || !await signIn.CanSignInAsync(assertion.User) || await signIn.UserManager.IsLockedOutAsync(assertion.User))
        {
            return null;
        }

        var user = assertion.User;
        var stored = await signIn.UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        if (!stored.Succeeded)
        {
            return null;
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, AuthenticationMethods.Select(m => new Claim("amr", m)));
        var credentialId = assertion.Passkey.CredentialId;
        var passkey = await db.UserPasskeys.FirstAsync(p => p.UserId == user.Id && p.CredentialId == credentialId, cancellationToken);
        passkey.LastUsedAt = clock.GetUtcNow();
        audit.Record(AuditActions.PasskeySignIn, user.Email ?? user.Id.ToString(), passkey.Data.Name);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }
}

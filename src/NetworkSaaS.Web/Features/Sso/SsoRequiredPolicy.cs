using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// "SSO required": for the domains of an enabled connection with the policy on, passwords (sign-in, reset) and
/// authenticator enrollment are refused — the company's provider is where people sign in. The exception is the
/// break-glass account: an Admin with MFA keeps the password (so the company is never locked out when its
/// provider is down or misconfigured); each use of it is audited.
/// </summary>
public sealed class SsoRequiredPolicy(AppDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    public async Task<bool> CoversAsync(string email, CancellationToken cancellationToken)
    {
        var domain = SsoDomains.Of(email);
        return domain.Length > 0 && await db.SsoDomains.AnyAsync(
            d => d.Domain == domain && db.SsoConnections.Any(c => c.Id == d.ConnectionId && c.IsEnabled && c.SsoRequired), cancellationToken);
    }

    /// <summary>An Admin with a second factor: may still use a password under the policy.</summary>
    public async Task<bool> IsBreakGlassAsync(AppUser? user) =>
        user is { TwoFactorEnabled: true } && await users.IsInRoleAsync(user, Roles.Admin);

    /// <summary>
    /// True when <paramref name="what"/> (sign-in, password-reset, mfa-enrollment) with a password is refused for this
    /// address; the refusal is audited, and so is a break-glass Admin's use of it.
    /// </summary>
    public async Task<bool> RefusesAsync(string email, AppUser? user, string what, CancellationToken cancellationToken)
    {
        if (!await CoversAsync(email, cancellationToken))
        {
            return false;
        }

        return await RecordAsync(email, await IsBreakGlassAsync(user), what, cancellationToken);
    }

    /// <summary>
    /// Authenticator enrollment under the policy: refused, except for Admins — an Admin needs a second factor to be
    /// the break-glass account at all.
    /// </summary>
    public async Task<bool> RefusesEnrollmentAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Email is not { } email || !await CoversAsync(email, cancellationToken))
        {
            return false;
        }

        return await RecordAsync(email, await users.IsInRoleAsync(user, Roles.Admin), "mfa-enrollment", cancellationToken);
    }

    private async Task<bool> RecordAsync(string email, bool breakGlass, string what, CancellationToken cancellationToken)
    {
        audit.Record(breakGlass ? AuditActions.SsoBreakGlass : AuditActions.SsoPasswordRefused, email.Length > 256 ? email[..256] : email, what);
        await db.SaveChangesAsync(cancellationToken);
        return !breakGlass;
    }
}

using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// The one answer to "does this user have a second factor?", which the company MFA policy enforces: an enrolled
/// authenticator app (Identity's TwoFactorEnabled is only switched on after a verified authenticator code) or a passkey
/// (something the user has, unlocked by a biometric or PIN: Identity requires user verification, so it is multi-factor
/// on its own).
/// </summary>
public sealed class SecondFactorStatus(AppDbContext db)
{
    public Task<bool> HasSecondFactorAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return HasSecondFactorAsync(user.Id, cancellationToken);
    }

    public Task<bool> HasSecondFactorAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && (u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == userId)), cancellationToken);
}

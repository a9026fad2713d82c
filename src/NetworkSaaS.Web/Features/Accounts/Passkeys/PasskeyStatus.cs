using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Passkeys;

/// <summary>
/// Whether a user has a passkey. A passkey is multi-factor on its own (something the user has, unlocked by a
/// biometric or PIN: Identity requires user verification), so a user with one meets the company MFA policy.
/// </summary>
public sealed class PasskeyStatus(AppDbContext db)
{
    public Task<bool> HasPasskeyAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.UserPasskeys.AnyAsync(p => p.UserId == user.Id, cancellationToken);
    }
}

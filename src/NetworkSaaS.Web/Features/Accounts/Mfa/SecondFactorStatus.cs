using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// The one answer to "does this user have a second factor?", which the company MFA policy enforces. Today that is an
/// enrolled authenticator app (Identity's TwoFactorEnabled is only switched on after a verified authenticator code).
/// </summary>
public sealed class SecondFactorStatus(AppDbContext db)
{
    public Task<bool> HasSecondFactorAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return HasSecondFactorAsync(user.Id, cancellationToken);
    }

    public Task<bool> HasSecondFactorAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, cancellationToken);
}

using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Platform;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>A wrong password or code counts towards Identity's lockout; both the failure and a resulting lockout are audited.</summary>
public static class OperatorLockout
{
    public static async Task CountFailureAsync(
        UserManager<PlatformOperator> users, PlatformAudit audit, PlatformOperator user, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(user);
        await users.AccessFailedAsync(user).ConfigureAwait(false);
        await audit.RecordAsync(PlatformAuditActions.SignInFailed, user.Email, user.Id, reason, cancellationToken).ConfigureAwait(false);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            await audit.RecordAsync(PlatformAuditActions.LockedOut, user.Email, user.Id, $"until {user.LockoutEnd:O}", cancellationToken).ConfigureAwait(false);
        }
    }
}

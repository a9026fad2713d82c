using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>
/// Mails a password-reset link. Enqueued by the forgot-password page for every request, with <see cref="Guid.Empty"/>
/// when the email is nobody's, so the page does the same work either way.
/// </summary>
public sealed class PasswordResetMailJob(
    UserManager<AppUser> users,
    AccountEmails emails,
    ITenantContextAccessor tenantContext,
    AuditLog audit,
    AppDbContext db) : ITenantJob
{
    /// <returns>Whether a mail was sent.</returns>
    public async Task<bool> RunAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null || userId == Guid.Empty
            || await users.FindByIdAsync(userId.ToString()).ConfigureAwait(false) is not { IsActive: true } user)
        {
            return false;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user).ConfigureAwait(false);
        audit.RecordBy(user.Id, AuditActions.PasswordResetRequested, user.Email ?? user.Id.ToString());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await emails.SendPasswordResetAsync(user, token, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

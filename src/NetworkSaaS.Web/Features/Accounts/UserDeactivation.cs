using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Accounts.Sessions;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>
/// The one way a user stops being active, whoever decides it (an Admin on the user page, the company's directory
/// through SCIM): the account can no longer sign in, every live session ends at once, and their pending
/// introductions are closed so requesters are not left waiting, and the handover of their relationships starts
/// (<see cref="Handover.LeaverHandovers.StartAsync"/>).
/// </summary>
public sealed class UserDeactivation(
    AppDbContext db,
    UserManager<AppUser> users,
    UserSessions sessions,
    IntroductionService introductions,
    Handover.LeaverHandovers handovers,
    AuditLog audit,
    Webhooks.WebhookEvents webhooks)
{
    /// <param name="user">The user to deactivate (tracked by this request's context).</param>
    /// <param name="proposedSuccessorId">Who should take over the leaver's relationships, when known (the directory's manager).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task DeactivateAsync(AppUser user, Guid? proposedSuccessorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsActive)
        {
            return;
        }

        user.IsActive = false;
        (await users.UpdateAsync(user)).ThrowIfFailed();
        // A new security stamp also ends cookies that predate server-side sessions.
        (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
        await sessions.RevokeAllAsync(user, except: null, cancellationToken);
        await introductions.CloseForInactiveConnectorAsync(user.Id, cancellationToken);
        await handovers.StartAsync(user, proposedSuccessorId, cancellationToken);
        audit.Record(AuditActions.UserDeactivated, user.Email ?? user.Id.ToString(),
            proposedSuccessorId is { } successor ? $"successor {successor}" : null);
        await webhooks.RaiseAsync(Core.Features.Webhooks.WebhookEventTypes.UserDeactivated, Webhooks.WebhookPayloads.UserDeactivated(user.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReactivateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsActive)
        {
            return;
        }

        user.IsActive = true;
        (await users.UpdateAsync(user)).ThrowIfFailed();
        (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
        await handovers.StopAsync(user, cancellationToken);
        audit.Record(AuditActions.UserReactivated, user.Email ?? user.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }
}

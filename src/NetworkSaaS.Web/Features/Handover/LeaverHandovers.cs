using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>
/// A leaver's relationships passing to colleagues. Planned before the deactivation (successor, the leaver's decisions
/// on their Private contacts), started by it: Shared and Discoverable contacts go to the successor at once, Private
/// ones as the leaver decided; the rest follow the company's <see cref="LeaverPrivateContactPolicy"/>.
/// Contacts keep their interactions, introductions and how-we-met; a <see cref="ContactHandover"/> row remembers who
/// knew them. Nothing here saves: the caller's unit of work does (except <see cref="Contacts.Triage.ContactRemoval"/>'s statements).
/// </summary>
public sealed class LeaverHandovers(
    AppDbContext db,
    Successors successors,
    Contacts.Triage.ContactRemoval removal,
    NotificationCenter notifications,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Chooses (or changes) who takes over, before or after the deactivation.</summary>
    public async Task PlanAsync(AppUser leaver, Guid successorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaver);
        var handover = await db.LeaverHandovers.FirstOrDefaultAsync(h => h.LeaverId == leaver.Id, cancellationToken);
        if (handover is null)
        {
            handover = new LeaverHandover { LeaverId = leaver.Id };
            db.LeaverHandovers.Add(handover);
        }
        else if (handover.SuccessorId == successorId)
        {
            return;
        }

        handover.SuccessorId = successorId;
        handover.UpdatedAt = clock.GetUtcNow();
        var successorEmail = await db.Users.Where(u => u.Id == successorId).Select(u => u.Email).SingleAsync(cancellationToken);
        audit.Record(AuditActions.HandoverPlanned, leaver.Email ?? leaver.Id.ToString(), $"successor {successorEmail}");
    }

    /// <summary>
    /// Called by <see cref="Accounts.UserDeactivation"/>. The successor is the one already planned (by an Admin or the
    /// leaver: a person's choice beats a default), else <paramref name="proposedSuccessorId"/> (the directory's
    /// manager), else the department's manager, else an Admin. With nobody else active the contacts wait with the leaver.
    /// </summary>
    public async Task StartAsync(AppUser leaver, Guid? proposedSuccessorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaver);
        var handover = await db.LeaverHandovers.FirstOrDefaultAsync(h => h.LeaverId == leaver.Id, cancellationToken);
        Guid? successorId = handover is not null && await successors.IsEligibleAsync(handover.SuccessorId, leaver.Id, cancellationToken)
            ? handover.SuccessorId
            : proposedSuccessorId is { } proposed && await successors.IsEligibleAsync(proposed, leaver.Id, cancellationToken)
                ? proposed
                : await successors.DefaultForAsync(leaver, cancellationToken);
        if (successorId is not { } successor)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (handover is null)
        {
            handover = new LeaverHandover { LeaverId = leaver.Id };
            db.LeaverHandovers.Add(handover);
        }

        handover.SuccessorId = successor;
        handover.StartedAt = now;
        handover.UpdatedAt = now;

        var decisions = await db.LeaverContactDecisions.Where(d => d.LeaverId == leaver.Id)
            .ToDictionaryAsync(d => d.ContactId, d => d.Decision, cancellationToken);
        var contacts = await db.Contacts.Where(c => c.OwnerId == leaver.Id).ToListAsync(cancellationToken);
        var handOver = contacts.Where(c => c.Visibility != ContactVisibility.Private
            || decisions.GetValueOrDefault(c.Id) == PrivateContactDecision.HandOver).ToList();
        var delete = contacts.Where(c => c.Visibility == ContactVisibility.Private
            && decisions.GetValueOrDefault(c.Id) == PrivateContactDecision.Delete).Select(c => c.Id).ToArray();
        await TransferAsync(leaver.Id, handOver, successor, byUserId: null, reason: null, cancellationToken);
        await removal.RemoveAsync(leaver.Id, delete, cancellationToken);
        var successorEmail = await db.Users.Where(u => u.Id == successor).Select(u => u.Email).SingleAsync(cancellationToken);
        audit.Record(AuditActions.HandoverStarted, leaver.Email ?? leaver.Id.ToString(),
            $"successor {successorEmail}; handed over {handOver.Count}; deleted as the leaver decided {delete.Length}; "
            + $"private left to the company policy {contacts.Count - handOver.Count - delete.Length}");
    }

    /// <summary>A reactivated user keeps what was already handed over, but the clock for their Private contacts stops.</summary>
    public async Task StopAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var handover = await db.LeaverHandovers.FirstOrDefaultAsync(h => h.LeaverId == user.Id, cancellationToken);
        if (handover is not null)
        {
            handover.StartedAt = null;
            handover.UpdatedAt = clock.GetUtcNow();
        }
    }

    /// <summary>
    /// Moves <paramref name="contacts"/> (tracked) to <paramref name="toUserId"/>, remembering the leaver as the
    /// colleague who knew them, and tells the receiver once, with the list on their handover page.
    /// </summary>
    public async Task TransferAsync(Guid leaverId, IReadOnlyCollection<Contact> contacts, Guid toUserId, Guid? byUserId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var now = clock.GetUtcNow();
        var moved = 0;
        foreach (var contact in contacts.Where(c => c.OwnerId != toUserId))
        {
            contact.OwnerId = toUserId;
            contact.UpdatedAt = now;
            db.ContactHandovers.Add(new ContactHandover
            {
                ContactId = contact.Id, FromUserId = leaverId, ToUserId = toUserId, HandedOverAt = now, ByUserId = byUserId, Reason = reason,
            });
            moved++;
        }

        if (moved > 0)
        {
            // The decisions were about the leaver's own copy; the receiver decides about theirs.
            var ids = contacts.Select(c => c.Id).ToArray();
            await db.LeaverContactDecisions.Where(d => ids.Contains(d.ContactId)).ExecuteDeleteAsync(cancellationToken);
            notifications.Notify(toUserId, NotificationKinds.HandoverReceived, actorId: leaverId);
        }
    }
}

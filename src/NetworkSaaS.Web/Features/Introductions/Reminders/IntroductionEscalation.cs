using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Notifications;
using Npgsql;

namespace NetworkSaaS.Web.Features.Introductions.Reminders;

/// <summary>Where the escalation of an unanswered request stands: reminded when, possible from when, done when, and to whom.</summary>
public sealed record EscalationStatus(DateTimeOffset RemindedAt, DateTimeOffset AvailableFrom, DateTimeOffset? EscalatedAt, IReadOnlyList<Guid> To)
{
    public bool CanEscalate(DateTimeOffset now) => EscalatedAt is null && To.Count > 0 && now >= AvailableFrom;
}

/// <summary>
/// The requester's last resort for a request the connector leaves unanswered: once the connector was reminded and
/// <see cref="IntroductionSla.EscalateAfterWorkingDays"/> more working days passed, the requester may escalate it,
/// once, to the managers of the connector's department (users with the Manager role there), or to the company's
/// admins when that department has none. They are notified and may then read the request.
/// </summary>
public sealed class IntroductionEscalation(AppDbContext db, NotificationCenter notifications, TimeProvider clock)
{
    /// <summary>Null while the request cannot be escalated at all: answered, or its connector not reminded yet.</summary>
    public async Task<EscalationStatus?> StatusAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.State != IntroductionState.Requested)
        {
            return null;
        }

        var reminders = await db.IntroductionReminders.AsNoTracking()
            .Where(m => m.RequestId == request.Id && (m.Kind == IntroductionReminderKind.Nudge || m.Kind == IntroductionReminderKind.Escalation))
            .ToListAsync(cancellationToken);
        if (reminders.FirstOrDefault(m => m.Kind == IntroductionReminderKind.Nudge) is not { } nudge)
        {
            return null;
        }

        var sla = await IntroductionSla.LoadAsync(db, request.TenantId, cancellationToken);
        return new EscalationStatus(nudge.CreatedAt, sla.EscalationFrom(nudge.CreatedAt),
            reminders.FirstOrDefault(m => m.Kind == IntroductionReminderKind.Escalation)?.CreatedAt,
            await RecipientsAsync(request, cancellationToken));
    }

    public async Task<IntroductionResult> EscalateAsync(Guid requesterId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.RequesterId != requesterId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (request.State != IntroductionState.Requested)
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        var now = clock.GetUtcNow();
        var status = await StatusAsync(request, cancellationToken);
        if (status?.EscalatedAt is not null)
        {
            return IntroductionResult.Refused(IntroductionProblem.AlreadyEscalated);
        }

        if (status is null || !status.CanEscalate(now))
        {
            return IntroductionResult.Refused(IntroductionProblem.EscalationNotYet);
        }

        // Touching the request makes its row version the guard against an answer arriving meanwhile.
        request.UpdatedAt = now;
        db.IntroductionReminders.Add(new IntroductionReminder
        {
            RequestId = request.Id, Kind = IntroductionReminderKind.Escalation, DueKey = request.CreatedAt, CreatedAt = now, ActorId = requesterId,
        });
        db.IntroductionEvents.Add(new IntroductionEvent
        {
            RequestId = request.Id, At = now, ActorId = requesterId, Kind = IntroductionEventKind.Escalated, State = request.State, Outcome = request.Outcome,
        });
        foreach (var manager in status.To)
        {
            notifications.Notify(manager, NotificationKinds.IntroductionEscalated, request.Id, actorId: requesterId);
        }

        try
        {
            return await IntroductionService.SaveAsync(db, request, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return IntroductionResult.Refused(IntroductionProblem.AlreadyEscalated);
        }
    }

    /// <summary>
    /// The active managers of the connector's department, else the active admins; never the connector or the requester
    /// themselves. In order of name, so the button reads the same every time.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RecipientsAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var department = await db.Users.Where(u => u.Id == request.ConnectorId).Select(u => u.DepartmentId).SingleAsync(cancellationToken);
        var candidates = db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != request.ConnectorId && u.Id != request.RequesterId);
        if (department is not null)
        {
            var managers = await WithRole(candidates.Where(u => u.DepartmentId == department), Roles.Manager).ToListAsync(cancellationToken);
            if (managers.Count > 0)
            {
                return managers;
            }
        }

        return await WithRole(candidates, Roles.Admin).ToListAsync(cancellationToken);
    }

    private IQueryable<Guid> WithRole(IQueryable<AppUser> users, string role) =>
        users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => u.Id);
}

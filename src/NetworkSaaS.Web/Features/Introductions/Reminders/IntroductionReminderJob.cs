using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Notifications;
using Npgsql;

namespace NetworkSaaS.Web.Features.Introductions.Reminders;

/// <summary>
/// Recurring, every 15 minutes: one <see cref="IntroductionReminderJob"/> per tenant.
/// Why one dispatcher rather than a recurring job per tenant (as for the stay-in-touch digest): companies sign up and
/// are deleted without anyone registering or removing recurring jobs, a deleted company simply gets no more jobs, and
/// each company's reminders are still their own job, so a slow or failing company never holds up the others and is
/// retried on its own. Every 15 minutes: a reminder falls due at the local time of day its request was made, so it
/// comes at most a quarter of an hour late; a company with nothing due costs two small indexed queries.
/// </summary>
public sealed class IntroductionReminderDispatcher(TenantFanOut fanOut)
{
    public const string RecurringJobId = "introduction-reminders";
    public const string Schedule = "*/15 * * * *";

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<IntroductionReminderJob>(j => j.RunAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// One company's introduction reminders, each exactly once per due item:
/// a request still waiting for its connector <see cref="IntroductionSla.NudgeAfterWorkingDays"/> working days after it
/// was made → the connector is reminded and the requester told (then, after the second interval, the requester may
/// escalate: <see cref="IntroductionEscalation"/>); an introduction whose outcome has not moved for
/// <see cref="IntroductionSla.OutcomePromptAfterDays"/> days and is not final → the requester is asked for it, once
/// per such period (a later update starts a new one).
/// Each reminder's <see cref="IntroductionReminder"/> row (its primary key is the due item) is committed in the same
/// transaction as its notifications and timeline entry, so a retry, a second worker or a rerun cannot repeat it.
/// That transaction first re-reads the request under FOR SHARE, so a request answered (or updated) meanwhile gets
/// nothing, and an answer arriving during it waits the few milliseconds until it commits. Nobody inactive is
/// notified: a nudge needs both colleagues active, an outcome prompt the requester. The emails follow from the
/// notification outbox.
/// </summary>
public sealed partial class IntroductionReminderJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    NotificationCenter notifications,
    TimeProvider clock,
    ILogger<IntroductionReminderJob> logger) : ITenantJob
{
    private sealed record Due(Guid RequestId, Guid RequesterId, Guid ConnectorId, IntroductionOutcome Outcome, DateTimeOffset Since);

    /// <returns>The number of reminders made by this run (nudges and outcome prompts).</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant;
        if (tenant is null)
        {
            return 0;
        }

        var sla = await IntroductionSla.LoadAsync(db, tenant.Id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var made = 0;
        foreach (var due in await DueNudgesAsync(sla, now, cancellationToken).ConfigureAwait(false))
        {
            made += await RemindAsync(tenant, due, IntroductionReminderKind.Nudge, IntroductionState.Requested, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        foreach (var due in await DueOutcomePromptsAsync(sla, now, cancellationToken).ConfigureAwait(false))
        {
            made += await RemindAsync(tenant, due, IntroductionReminderKind.OutcomePrompt, IntroductionState.Introduced, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return made;
    }

    private async Task<IEnumerable<Due>> DueNudgesAsync(IntroductionSla sla, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // N working days are never fewer than N calendar days (less an hour of daylight saving time): a cheap bound for the query.
        var madeBefore = now.AddDays(-sla.NudgeAfterWorkingDays).AddHours(1);
        var active = db.Users.Where(u => u.IsActive);
        var candidates = await db.IntroductionRequests.AsNoTracking()
            .Where(r => r.State == IntroductionState.Requested && r.CreatedAt <= madeBefore
                        && !db.IntroductionReminders.Any(m => m.RequestId == r.Id && m.Kind == IntroductionReminderKind.Nudge)
                        && active.Any(u => u.Id == r.RequesterId) && active.Any(u => u.Id == r.ConnectorId))
            .Select(r => new Due(r.Id, r.RequesterId, r.ConnectorId, r.Outcome, r.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Where(c => sla.NudgeDueAt(c.Since) <= now);
    }

    private async Task<IEnumerable<Due>> DueOutcomePromptsAsync(IntroductionSla sla, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quietSince = now.AddDays(-sla.OutcomePromptAfterDays);
        IntroductionOutcome[] final = [.. Enum.GetValues<IntroductionOutcome>().Where(IntroductionStateMachine.IsFinal)];
        var active = db.Users.Where(u => u.IsActive);
        var candidates = await db.IntroductionRequests.AsNoTracking()
            .Where(r => r.State == IntroductionState.Introduced && !final.Contains(r.Outcome)
                        && (r.OutcomeUpdatedAt ?? r.IntroducedAt) <= quietSince
                        && !db.IntroductionReminders.Any(m => m.RequestId == r.Id && m.Kind == IntroductionReminderKind.OutcomePrompt
                                                              && m.DueKey == (r.OutcomeUpdatedAt ?? r.IntroducedAt))
                        && active.Any(u => u.Id == r.RequesterId))
            .Select(r => new Due(r.Id, r.RequesterId, r.ConnectorId, r.Outcome, (r.OutcomeUpdatedAt ?? r.IntroducedAt)!.Value))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Where(c => sla.OutcomePromptDueAt(c.Since) <= now);
    }

    private async Task<bool> RemindAsync(
        ITenantInfo tenant, Due due, IntroductionReminderKind kind, IntroductionState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!await StillDueAsync(tenant, due, state, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            db.IntroductionReminders.Add(new IntroductionReminder { RequestId = due.RequestId, Kind = kind, DueKey = due.Since, CreatedAt = now });
            if (kind == IntroductionReminderKind.Nudge)
            {
                db.IntroductionEvents.Add(new IntroductionEvent
                {
                    RequestId = due.RequestId, At = now, Kind = IntroductionEventKind.ConnectorReminded, State = state, Outcome = due.Outcome,
                });
                notifications.Notify(due.ConnectorId, NotificationKinds.IntroductionNudged, due.RequestId, actorId: due.RequesterId);
                notifications.Notify(due.RequesterId, NotificationKinds.IntroductionConnectorReminded, due.RequestId, actorId: due.ConnectorId);
            }
            else
            {
                notifications.Notify(due.RequesterId, NotificationKinds.IntroductionOutcomePrompt, due.RequestId);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another run (a retry, a second worker) made this reminder meanwhile.
            LogAlreadyMade(logger, tenant.Id, due.RequestId, kind);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Re-reads the request under a share lock: still in the state (and, for outcomes, the period) it was found in.</summary>
    private async Task<bool> StillDueAsync(ITenantInfo tenant, Due due, IntroductionState state, CancellationToken cancellationToken)
    {
        var found = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM introduction_requests
                WHERE tenant_id = {tenant.Id} AND id = {due.RequestId} AND state = {(int)state}
                  AND (state <> {(int)IntroductionState.Introduced} OR COALESCE(outcome_updated_at, introduced_at) = {due.Since})
                FOR SHARE
                """)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Count == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Kind} of tenant {TenantId}, request {RequestId} already exists.")]
    private static partial void LogAlreadyMade(ILogger logger, Guid tenantId, Guid requestId, IntroductionReminderKind kind);
}

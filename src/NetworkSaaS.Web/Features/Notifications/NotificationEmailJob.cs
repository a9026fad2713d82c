using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Recurring, every 15 minutes: one <see cref="NotificationEmailJob"/> per tenant, for the mails whose immediate job
/// could not be enqueued (see <see cref="NotificationEmailTrigger"/>) or that a crashed run left behind. Same shape as
/// the digest's dispatcher, for the same reasons: tenants come and go without registering anything, and each tenant's
/// sending is its own job, retried on its own. A tenant with nothing pending costs one query on a partial index.
/// </summary>
public sealed class NotificationEmailSweep(TenantFanOut fanOut)
{
    public const string RecurringJobId = "notification-emails";
    public const string Schedule = "*/15 * * * *";

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<NotificationEmailJob>(j => j.RunAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// Sends one tenant's pending notification emails, each exactly once: the outbox row is claimed with
/// FOR UPDATE SKIP LOCKED (two runs at once share the work and never send the same mail), the mail is sent while the
/// row is locked, and the row is marked sent in the same transaction. Recipients who turned these emails off, were
/// deactivated or have no address are marked skipped, decided at sending time. A failing mail server fails the job
/// after every pending mail was tried once, so Hangfire retries it with its back-off; sent mails are never sent again.
/// Same at-least-once edge as the digest: a process killed between the mail server's acceptance and the commit of
/// the mark sends that one mail again on the retry.
/// </summary>
public sealed partial class NotificationEmailJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    NotificationEmails emails,
    NotificationSettingsStore settingsStore,
    ILogger<NotificationEmailJob> logger) : ITenantJob
{
    /// <summary>A mail not sent within this time (mail server down for a day) is given up: the notification is in the portal.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <returns>The number of mails sent by this run.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant;
        if (tenant is null)
        {
            return 0;
        }

        var since = clock.GetUtcNow() - GiveUpAfter;
        await db.NotificationEmails.Where(e => e.State == NotificationEmailState.Pending && e.CreatedAt < since)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, NotificationEmailState.Expired).SetProperty(e => e.DoneAt, clock.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);

        var failed = new List<Guid>();
        var failures = new List<Exception>();
        var sent = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var email = await ClaimNextAsync(tenant, since, failed, cancellationToken).ConfigureAwait(false);
            if (email is null)
            {
                break;
            }

            try
            {
                email.State = await SendAsync(tenant, email.NotificationId, cancellationToken).ConfigureAwait(false);
                email.DoneAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                sent += email.State == NotificationEmailState.Sent ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The row stays pending (the transaction rolls back) for the retry; this run goes on with the others.
                LogSendFailed(logger, e, tenant.Id, email.NotificationId);
                failed.Add(email.NotificationId);
                failures.Add(e);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} notification emails of tenant {tenant.Id} could not be sent; the job will retry them.", failures);
        }

        return sent;
    }

    /// <summary>The oldest pending mail no other run holds and this run has not failed on, locked until the transaction ends.</summary>
    private Task<NotificationEmail?> ClaimNextAsync(ITenantInfo tenant, DateTimeOffset since, List<Guid> failed, CancellationToken cancellationToken) =>
        db.NotificationEmails
            .FromSql($"""
                SELECT * FROM notification_emails
                WHERE tenant_id = {tenant.Id} AND state = {(int)NotificationEmailState.Pending} AND created_at >= {since}
                  AND NOT (notification_id = ANY({failed.ToArray()}))
                ORDER BY created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<NotificationEmailState> SendAsync(ITenantInfo tenant, Guid notificationId, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == notificationId, cancellationToken).ConfigureAwait(false);
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notification.UserId)
            .Select(u => new { u.Email, u.Culture, u.DisplayName, u.IsActive })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var settings = await settingsStore.ReadAsync(notification.UserId, cancellationToken).ConfigureAwait(false);
        if (recipient is not { IsActive: true, Email: { } address } || !NotificationEmails.IsWanted(notification.Kind, settings))
        {
            return NotificationEmailState.Skipped;
        }

        var actorName = notification.ActorId is { } actor
            ? (await UserNames.ForAsync(db, [actor], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(actor)
            : null;
        await emails.SendAsync(tenant, new NotificationRecipient(address, recipient.Culture, recipient.DisplayName), notification, actorName, cancellationToken)
            .ConfigureAwait(false);
        return NotificationEmailState.Sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email of notification {NotificationId} (tenant {TenantId}) failed; it stays pending for the retry.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid tenantId, Guid notificationId);
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Recurring, every 15 minutes: the tenants in batches of <see cref="TenantsPerJob"/>, one
/// <see cref="StayInTouchDigestBatchJob"/> per batch.
/// Why every 15 minutes: every UTC offset in use is a whole multiple of 15 minutes (India +5:30, Nepal +5:45, Chatham
/// +12:45), so a run at each quarter hour meets the start of every local hour in every time zone exactly, and a digest
/// is never more than one interval late after an outage of the worker. Why one dispatcher rather than a recurring job
/// per tenant: tenants come and go (signup, deletion) without anyone having to register or remove recurring jobs, and a
/// deleted tenant simply gets no more jobs. Why batches rather than one job per tenant: a tenant's scan is two small
/// statements, cheaper than the Hangfire job around it (enqueue, fetch, two state changes, dequeue: measured, the
/// benchmark's 100 companies took most of their scan time in those); a handful of batch jobs still spread the tenants
/// over the workers. A tenant that fails inside a batch gets a job of its own (retried on its own), so it never holds
/// up the others.
/// </summary>
public sealed class StayInTouchDigestDispatcher(TenantFanOut fanOut)
{
    public const string RecurringJobId = "stay-in-touch-digests";
    public const string Schedule = "*/15 * * * *";

    /// <summary>Tenants per batch job: 100 tenants make 4 jobs, for the 4 workers of a 2-core worker process.</summary>
    public const int TenantsPerJob = 25;

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForTenantBatchesAsync(TenantsPerJob, (jobs, tenantIds) => jobs.Enqueue<StayInTouchDigestBatchJob>(j => j.RunAsync(tenantIds, CancellationToken.None)));
}

/// <summary>
/// The digests of a batch of tenants, one after another, each in its own DI scope with its tenant set (as the job
/// activator does for a tenant job) and exactly as <see cref="StayInTouchDigestJob"/> makes them, so the exactly-once
/// rules are the same: a rerun of the batch (its retry after a crash half-way, a duplicate) skips what was committed.
/// A tenant that fails is handed to a <see cref="StayInTouchDigestJob"/> of its own, with Hangfire's retries, and the
/// batch goes on; a deleted tenant is skipped. The email jobs are enqueued at the end of the batch. Cancellation (a stopping worker) ends the batch, which Hangfire requeues.
/// </summary>
public sealed partial class StayInTouchDigestBatchJob(
    IServiceScopeFactory scopes,
    TenantStore tenants,
    IBackgroundJobClient jobs,
    ILogger<StayInTouchDigestBatchJob> logger)
{
    /// <returns>The number of digests created by this run.</returns>
    public async Task<int> RunAsync(Guid[] tenantIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        var created = 0;
        var mailsPending = new List<Guid>();
        foreach (var tenantId in tenantIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false) is not { } tenant)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
                var (made, pending) = await scope.ServiceProvider.GetRequiredService<StayInTouchDigestJob>().ScanAsync(cancellationToken).ConfigureAwait(false);
                created += made;
                if (pending)
                {
                    mailsPending.Add(tenantId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandedOver(logger, e, tenantId);
                jobs.Enqueue<StayInTouchDigestJob>(j => j.RunAsync(tenantId, CancellationToken.None));
            }
        }

        // The email jobs only once the whole batch is scanned, so that they do not take workers and CPU from the scans
        // of the other batches. A batch that died half-way leaves them to its retry or the next run, which find them pending.
        foreach (var tenantId in mailsPending)
        {
            StayInTouchDigestJob.EnqueueEmails(jobs, tenantId);
        }

        return created;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stay-in-touch digests of tenant {TenantId} failed in a batch; the tenant gets a job of its own.")]
    private static partial void LogHandedOver(ILogger logger, Exception exception, Guid tenantId);
}

/// <summary>When a user's digest of a given local day is due.</summary>
public static class DigestSchedule
{
    /// <summary>
    /// Due from the chosen local hour on (daily, or on the chosen weekday) until the end of that local day, so a run
    /// that comes late (worker down at 08:00) still sends it that day. In a daylight-saving gap the hour that does not
    /// exist is reached at the first local time after it; an hour that occurs twice is sent at its first occurrence
    /// (the delivery row of that day then exists).
    /// </summary>
    public static bool IsDue(DigestFrequency frequency, DayOfWeek day, int hour, DateTime localNow) => frequency switch
    {
        DigestFrequency.Daily => localNow.Hour >= hour,
        DigestFrequency.Weekly => localNow.DayOfWeek == day && localNow.Hour >= hour,
        _ => false,
    };
}

/// <summary>
/// One tenant's stay-in-touch digests, exactly once per (user, local day): for each active user whose digest is due
/// now in the company's time zone and who has contacts due (next touch on or before today, not snoozed past today) or
/// imported contacts waiting for review,
/// one in-app notification and one <see cref="DigestDelivery"/> row, inserted by one statement (the row's primary key
/// is the idempotency key: a retry, a second worker or a rerun after a crash skips the users it already has).
/// The emails are a separate job, <see cref="DigestEmailJob"/>, enqueued at the end, so the scan of every company is
/// never held up by mail servers, and a failing mail server retries only the mails.
/// </summary>
public sealed partial class StayInTouchDigestJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<StayInTouchDigestJob> logger) : ITenantJob
{
    /// <returns>The number of digests created by this run.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant;
        if (tenant is null)
        {
            return 0;
        }

        var (created, mailsPending) = await ScanAsync(cancellationToken).ConfigureAwait(false);
        if (mailsPending)
        {
            EnqueueEmails(jobs, tenant.Id);
        }

        return created;
    }

    /// <summary>
    /// The scan of the scope's tenant without the email job: the digests created, and whether digest emails are waiting
    /// (also when nothing was created now: mails a crashed or failed run left unsent are picked up too).
    /// </summary>
    internal async Task<(int Created, bool MailsPending)> ScanAsync(CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is not { } tenant)
        {
            return (0, false);
        }

        var created = await CreateDueDigestsAsync(tenant, cancellationToken).ConfigureAwait(false);
        return (created, await DigestEmailJob.Pending(db, clock).AnyAsync(cancellationToken).ConfigureAwait(false));
    }

    internal static void EnqueueEmails(IBackgroundJobClient jobs, Guid tenantId) =>
        jobs.Enqueue<DigestEmailJob>(j => j.RunAsync(tenantId, CancellationToken.None));

    private async Task<int> CreateDueDigestsAsync(ITenantInfo tenant, CancellationToken cancellationToken)
    {
        var localNow = TenantClock.Now(tenant, clock);
        var today = DateOnly.FromDateTime(localNow);
        var candidates = await (
                from u in db.Users.AsNoTracking()
                where u.IsActive && !db.DigestDeliveries.Any(d => d.UserId == u.Id && d.DigestOn == today)
                join s in db.NotificationSettings.AsNoTracking() on u.Id equals s.UserId into settings
                from s in settings.DefaultIfEmpty()
                select new
                {
                    u.Id,
                    HasEmail = u.Email != null,
                    Frequency = s == null ? DigestFrequency.Daily : s.DigestFrequency,
                    Day = s == null ? DayOfWeek.Monday : s.DigestDay,
                    Hour = s == null ? NotificationSettings.DefaultHour : s.DigestHour,
                    ByEmail = s == null || s.DigestByEmail,
                })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var due = candidates.Where(c => DigestSchedule.IsDue(c.Frequency, c.Day, c.Hour, localNow)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var userIds = due.Select(c => c.Id).ToArray();
        var notificationIds = due.Select(_ => Guid.CreateVersion7(now)).ToArray();
        var emailWanted = due.Select(c => c.ByEmail && c.HasEmail).ToArray();
        var kind = NotificationKinds.StayInTouchDigest;

        // One statement, so one transaction: each delivery row and its notification exist together or not at all, and a
        // user whose row another run inserted meanwhile is skipped (ON CONFLICT waits for that run's commit).
        var created = await db.Database.ExecuteSqlAsync($"""
            WITH due AS (
                SELECT w.user_id, w.notification_id, w.email_wanted,
                       count(*) FILTER (WHERE c.next_touch_on <= {today} AND (c.snoozed_until IS NULL OR c.snoozed_until <= {today}))::int AS due_count
                FROM unnest({userIds}, {notificationIds}, {emailWanted}) AS w(user_id, notification_id, email_wanted)
                JOIN contacts c ON c.tenant_id = {tenant.Id} AND c.owner_id = w.user_id
                WHERE (c.next_touch_on <= {today} AND (c.snoozed_until IS NULL OR c.snoozed_until <= {today})) OR c.review_pending
                GROUP BY w.user_id, w.notification_id, w.email_wanted),
            made AS (
                INSERT INTO digest_deliveries (tenant_id, user_id, digest_on, notification_id, due_count, created_at, email_wanted)
                SELECT {tenant.Id}, user_id, {today}, notification_id, due_count, {now}, email_wanted FROM due
                ON CONFLICT DO NOTHING
                RETURNING user_id, notification_id)
            INSERT INTO notifications (tenant_id, id, user_id, kind, created_at)
            SELECT {tenant.Id}, notification_id, user_id, {kind}, {now} FROM made
            """, cancellationToken).ConfigureAwait(false);
        LogCreated(logger, tenant.Id, created, due.Count, today);
        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Created} digests created for {DigestOn} ({Due} users due now).")]
    private static partial void LogCreated(ILogger logger, Guid tenantId, int created, int due, DateOnly digestOn);
}

/// <summary>
/// Sends every digest email of one tenant that is wanted and not yet sent (including ones a crashed or failed run left
/// behind). Each is sent while its row is locked (FOR UPDATE SKIP LOCKED: two runs never send the same one) and marked
/// sent before the lock is released. A failing mail server fails the job after trying them all, so Hangfire retries it
/// with its back-off; mails already sent are not sent again. The job honours its cancellation token (a worker stopping:
/// Hangfire requeues the job at once) everywhere except between the start of a mail transfer and the commit of its mark,
/// so a graceful stop never sends a mail twice.
/// At-least-once edge: if the process dies without warning (SIGKILL, OOM) after the mail server accepted a mail and
/// before the mark is committed, the retry sends that one mail again. No protocol closes that window without the mail
/// server's help; it is a few
/// milliseconds wide, and the in-app notification is never duplicated.
/// </summary>
public sealed partial class DigestEmailJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    DigestEmails emails,
    ILogger<DigestEmailJob> logger) : ITenantJob
{
    /// <summary>An email not sent within this time (mail server down for a day) is dropped: the next digest replaces it.</summary>
    public static readonly TimeSpan EmailGiveUpAfter = TimeSpan.FromHours(24);

    internal static IQueryable<DigestDelivery> Pending(AppDbContext db, TimeProvider clock)
    {
        var since = clock.GetUtcNow() - EmailGiveUpAfter;
        return db.DigestDeliveries.AsNoTracking().Where(d => d.EmailWanted && d.EmailSentAt == null && d.CreatedAt >= since);
    }

    /// <returns>The number of emails sent by this run.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is not { } tenant)
        {
            return 0;
        }

        var pending = await Pending(db, clock)
            .OrderBy(d => d.CreatedAt)
            .Select(d => new { d.UserId, d.DigestOn })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var failures = new List<Exception>();
        var sent = 0;
        foreach (var item in pending)
        {
            try
            {
                sent += await SendOneAsync(tenant, item.UserId, item.DigestOn, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(logger, e, tenant.Id, item.UserId, item.DigestOn);
                failures.Add(e);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} of {pending.Count} digest emails of tenant {tenant.Id} could not be sent; the job will retry them.", failures);
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(ITenantInfo tenant, Guid userId, DateOnly digestOn, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await db.DigestDeliveries
            .FromSql($"SELECT * FROM digest_deliveries WHERE tenant_id = {tenant.Id} AND user_id = {userId} AND digest_on = {digestOn} AND email_sent_at IS NULL FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return false; // sent meanwhile, or being sent by another run right now
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.Culture, u.DisplayName, u.IsActive })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var today = TenantClock.Today(tenant, clock);
        var contacts = user is { IsActive: true, Email: not null }
            ? await DueContacts(today).Where(c => c.OwnerId == userId)
                .OrderBy(c => c.NextTouchOn).ThenBy(c => c.SortKey)
                .Select(c => new DigestContact(c.DisplayName, c.CompanyName, c.NextTouchOn!.Value))
                .Take(DigestEmails.Listed)
                .ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];
        // The nudge: imported contacts nobody has triaged yet (a digest is due for them even when no touch is).
        var toReview = user is { IsActive: true, Email: not null }
            ? await db.Contacts.CountAsync(c => c.OwnerId == userId && c.ReviewPending, cancellationToken).ConfigureAwait(false)
            : 0;
        var sent = contacts.Count > 0 || toReview > 0;
        if (!sent)
        {
            // Deactivated, no address, or every contact was touched since: there is nothing to say any more.
            delivery.EmailWanted = false;
        }
        else
        {
            var total = await DueContacts(today).CountAsync(c => c.OwnerId == userId, cancellationToken).ConfigureAwait(false);
            await emails.SendDigestAsync(tenant, userId, user!.Email!, user.Culture ?? tenant.DefaultCulture, user.DisplayName, total, contacts, toReview, cancellationToken)
                .ConfigureAwait(false);
            delivery.EmailSentAt = clock.GetUtcNow();
        }

        // Once the mail is out, recording it is not cancelled (a stopping worker): the retry would send it again.
        var record = delivery.EmailSentAt is null ? cancellationToken : CancellationToken.None;
        await db.SaveChangesAsync(record).ConfigureAwait(false);
        await transaction.CommitAsync(record).ConfigureAwait(false);
        return sent;
    }

    /// <summary>Contacts due for a touch on <paramref name="today"/>: next touch reached and not snoozed past today.</summary>
    private IQueryable<Core.Features.Contacts.Contact> DueContacts(DateOnly today) =>
        db.Contacts.AsNoTracking().DueBy(today);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest email of tenant {TenantId}, user {UserId}, day {DigestOn} failed; it stays unsent for the retry.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid tenantId, Guid userId, DateOnly digestOn);
}

public sealed record DigestContact(string Name, string? Company, DateOnly NextTouchOn);

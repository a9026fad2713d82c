using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Jobs;
using Npgsql;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>
/// Recurring, hourly: one <see cref="SeasonalCampaignJob"/> per tenant that has a campaign notification due now in its own
/// time zone (the same one-dispatcher fan-out as the stay-in-touch digest, for the same reasons). Outside the few
/// notification weeks of the year it enqueues nothing; the tenant rows it reads are the platform-level tenants table.
/// Hourly is enough: a notification is due from 09:00 local on its first day and stays due for weeks, so a run at every
/// whole UTC hour sends it at 09:00 in whole-hour zones and within the hour elsewhere (09:30 in India).
/// </summary>
public sealed class SeasonalCampaignDispatcher(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string RecurringJobId = "seasonal-campaigns";
    public const string Schedule = "0 * * * *";

    public async Task<int> EnqueueDueTenantsAsync()
    {
        var tenants = await db.Tenants.AsNoTracking().ToListAsync().ConfigureAwait(false);
        var due = tenants.Where(t => SeasonalCalendar.NotificationsDue(t, TenantClock.Now(t, clock)).Count > 0).Select(t => t.Id).ToList();
        foreach (var tenantId in due)
        {
            jobs.Enqueue<SeasonalCampaignJob>(j => j.RunAsync(tenantId, CancellationToken.None));
        }

        return due.Count;
    }
}

/// <summary>
/// One tenant's campaign notifications, exactly once per (user, campaign, season): for each campaign the company has
/// turned on whose notification is due now (its local time), every active user with relevant contacts (someone on the
/// greeting list; someone at a company not yet confirmed this year) gets one in-app notification linking to the page,
/// committed together with its <see cref="CampaignNotification"/> row, whose primary key is the idempotency key.
/// Email is not sent here: the notification outbox renders every notification kind from <see cref="Notifications.NotificationLabels"/>.
/// </summary>
public sealed partial class SeasonalCampaignJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    GreetingLists greetingLists,
    TransferChecks transferChecks,
    TimeProvider clock,
    ILogger<SeasonalCampaignJob> logger) : ITenantJob
{
    /// <returns>The number of notifications created by this run.</returns>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant;
        if (tenant is null)
        {
            return 0;
        }

        var created = 0;
        foreach (var season in SeasonalCalendar.NotificationsDue(tenant, TenantClock.Now(tenant, clock)))
        {
            created += await NotifyAsync(tenant, season, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    private async Task<int> NotifyAsync(ITenantInfo tenant, CampaignSeason season, CancellationToken cancellationToken)
    {
        var (campaign, year) = (season.Campaign, season.Season);
        var waiting = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && !db.CampaignNotifications.Any(n => n.UserId == u.Id && n.Campaign == campaign && n.Season == year))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var owners = campaign == SeasonalCampaign.TransferSeason
            ? transferChecks.OwnersWithContactsToConfirm(year)
            : greetingLists.Candidates(season).Select(c => c.OwnerId);
        var recipients = await owners.Where(id => waiting.Contains(id)).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);

        var created = 0;
        var now = clock.GetUtcNow();
        foreach (var userId in recipients)
        {
            var notification = new Notification { UserId = userId, Kind = SeasonalCalendar.NotificationKindOf(campaign), CreatedAt = now };
            db.Notifications.Add(notification);
            db.CampaignNotifications.Add(new CampaignNotification { UserId = userId, Campaign = campaign, Season = year, NotificationId = notification.Id, CreatedAt = now });
            try
            {
                // One SaveChanges = one transaction: the notification exists exactly when its idempotency row does.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                created++;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another run (a retry, a second worker) made this one meanwhile.
                LogAlreadyMade(logger, tenant.Id, userId, campaign, year);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign notification of tenant {TenantId}, user {UserId}, {Campaign} {Season} already exists.")]
    private static partial void LogAlreadyMade(ILogger logger, Guid tenantId, Guid userId, SeasonalCampaign campaign, int season);
}

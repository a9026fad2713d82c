using Hangfire;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>Recurring, hourly: one <see cref="AsksDigestJob"/> per company (same dispatcher shape as the other per-company jobs).</summary>
public sealed class AsksDigestDispatcher(TenantFanOut fanOut)
{
    public const string RecurringJobId = "chat-asks-digest";
    public const string Schedule = "5 * * * *";

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<AsksDigestJob>(j => j.RunAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// The asks board's digest in the company's chat channel: once a local day, from <see cref="FromHour"/> on, the asks
/// still open that were posted since the previous digest (at most the last 7 days), in the company's language, titles
/// only (everyone in the company may read the board; the details need signing in). Nothing new, no message. The digest's
/// own delivery row marks the day as done, so a rerun, a retry or a second worker in the same day sends nothing more.
/// </summary>
public sealed class AsksDigestJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    ChatTransport transport,
    OutgoingDeliveries deliveries,
    EmailOptions email,
    IStringLocalizer<SharedResource> l) : ITenantJob
{
    public const string Label = "chat.asks-digest";
    public const int FromHour = 9;
    public const int Listed = 10;

    /// <returns>Whether a digest was queued.</returns>
    public async Task<bool> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is not { } tenant)
        {
            return false;
        }

        var localNow = TenantClock.Now(tenant, clock);
        var target = await db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == null, cancellationToken).ConfigureAwait(false);
        if (target is null || localNow.Hour < FromHour)
        {
            return false;
        }

        var zone = TenantClock.Zone(tenant.TimeZoneId);
        var startOfDay = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localNow.Date, zone), TimeSpan.Zero);
        var previous = await db.OutgoingDeliveries.AsNoTracking()
            .Where(d => d.Channel == ChatNotices.Channel && d.Label == Label)
            .MaxAsync(d => (DateTimeOffset?)d.CreatedAt, cancellationToken).ConfigureAwait(false);
        if (previous >= startOfDay)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var since = previous is { } p && p > now.AddDays(-7) ? p : now.AddDays(-7);
        var asks = await db.Asks.AsNoTracking().Where(a => a.State == AskState.Open && a.CreatedAt > since)
            .OrderBy(a => a.CreatedAt).Select(a => new { a.Title, a.CompanyName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (asks.Count == 0)
        {
            return false;
        }

        ChatMessage message;
        var previousCulture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(tenant.DefaultCulture);
            var text = new StringBuilder();
            foreach (var ask in asks.Take(Listed))
            {
                text.Append("• ").Append(ask.Title).Append(ask.CompanyName is null ? "" : $" ({ask.CompanyName})").Append('\n');
            }

            if (asks.Count > Listed)
            {
                text.Append(l["and {0} more", asks.Count - Listed].Value);
            }

            message = new ChatMessage(l["{0} new asks on the board: can your network help?", asks.Count], text.ToString().TrimEnd('\n'),
                l["Open the asks board"], new Uri($"{email.BaseUrl.TrimEnd('/')}/{tenant.Slug}/asks"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previousCulture;
        }

        var (placeholder, body) = transport.Compose(target, message);
        deliveries.Enqueue(ChatNotices.Channel, Label, placeholder, body, target.Id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

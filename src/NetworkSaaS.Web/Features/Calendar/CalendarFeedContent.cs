using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Campaigns;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Introductions.Reminders;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// What a user's feed shows, in their language: the stay-in-touch dates of their contacts (those already due in one
/// event today, the coming ones on their day), the deadlines of their introductions (when the connector of a request is
/// reminded — <see cref="IntroductionSla.NudgeDueAt"/> — and when the requester is asked for the outcome —
/// <see cref="IntroductionSla.OutcomePromptDueAt"/>), and the windows of the company's seasonal campaigns
/// (<see cref="SeasonalCalendar"/>). Reads only.
/// </summary>
public sealed class CalendarFeedContent(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    EmailOptions email,
    CampaignLabels campaignLabels,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Coming stay-in-touch dates are listed this far ahead.</summary>
    public const int ContactDaysAhead = 90;

    /// <summary>At most this many coming contacts (the soonest), so a large network does not make a feed calendars refuse.</summary>
    public const int MaxContacts = 500;

    /// <summary>Names listed in the one event of the contacts already due.</summary>
    public const int DueNamesListed = 20;

    /// <returns>The iCalendar text, or null when the user is not an active user of the tenant.</returns>
    public async Task<string?> BuildAsync(Guid userId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Culture }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = TenantClock.Today(tenant, clock);
        var contacts = await db.Contacts.AsNoTracking().DueBy(today.AddDays(ContactDaysAhead)).Where(c => c.OwnerId == userId)
            .OrderBy(c => c.NextTouchOn).ThenBy(c => c.SortKey)
            .Select(c => new { c.Id, c.DisplayName, c.CompanyName, NextTouchOn = c.NextTouchOn!.Value, c.SnoozedUntil })
            .Take(MaxContacts)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sla = await IntroductionSla.LoadAsync(db, tenant.Id, cancellationToken).ConfigureAwait(false);
        IntroductionOutcome[] final = [.. Enum.GetValues<IntroductionOutcome>().Where(IntroductionStateMachine.IsFinal)];
        var introductions = await db.IntroductionRequests.AsNoTracking()
            .Where(r => (r.ConnectorId == userId && r.State == IntroductionState.Requested)
                        || (r.RequesterId == userId && r.State == IntroductionState.Introduced && !final.Contains(r.Outcome)))
            .Select(r => new
            {
                r.Id, r.State, r.CreatedAt, Since = r.OutcomeUpdatedAt ?? r.IntroducedAt, r.TargetSummary,
                Requester = db.Users.Where(u => u.Id == r.RequesterId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var baseUrl = email.BaseUrl.TrimEnd('/');
        var domain = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : "networksaas";
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(user.Culture ?? tenant.DefaultCulture);
            var events = new List<CalendarEvent>();
            var due = contacts.Where(c => DueOn(c.NextTouchOn, c.SnoozedUntil) <= today).ToList();
            if (due.Count > 0)
            {
                var names = string.Join("\n", due.Take(DueNamesListed).Select(c => c.CompanyName is null ? c.DisplayName : $"{c.DisplayName} ({c.CompanyName})"));
                events.Add(new CalendarEvent($"stay-in-touch-due-{userId}", l["{0} contacts due for a touch", due.Count], names,
                    $"{baseUrl}/{tenant.Slug}/contacts?overdue=true", Day: today));
            }

            foreach (var c in contacts.Where(c => DueOn(c.NextTouchOn, c.SnoozedUntil) > today))
            {
                events.Add(new CalendarEvent($"stay-in-touch-{c.Id}", l["Stay in touch: {0}", c.DisplayName], c.CompanyName ?? "",
                    $"{baseUrl}/{tenant.Slug}/contacts/{c.Id}", Day: DueOn(c.NextTouchOn, c.SnoozedUntil)));
            }

            foreach (var r in introductions)
            {
                var link = $"{baseUrl}/{tenant.Slug}/introductions/{r.Id}";
                events.Add(r.State == IntroductionState.Requested
                    ? new CalendarEvent($"introduction-{r.Id}-answer", l["Answer the introduction request of {0}", r.Requester ?? ""], r.TargetSummary, link,
                        At: sla.NudgeDueAt(r.CreatedAt))
                    : new CalendarEvent($"introduction-{r.Id}-outcome", l["Report how the introduction went: {0}", r.TargetSummary], r.TargetSummary, link,
                        At: sla.OutcomePromptDueAt(r.Since!.Value)));
            }

            foreach (var campaign in SeasonalCalendar.All.Where(tenant.IsEnabled))
            {
                var season = SeasonalCalendar.CurrentOrNext(campaign, today);
                foreach (var s in new[] { season, SeasonalCalendar.Of(campaign, season.Season + 1) })
                {
                    events.Add(new CalendarEvent($"campaign-{tenant.Id}-{campaign}-{s.Season}", campaignLabels.Title(s), campaignLabels.Name(campaign),
                        baseUrl + SeasonalCalendar.PathOf(tenant.Slug, campaign), Day: s.Opens, LastDay: s.Closes));
                }
            }

            return CalendarWriter.Write(l["{0}: my network", tenant.Name], domain, now, events);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>The day a contact's touch falls due: its next touch, or the end of a snooze that goes past it.</summary>
    public static DateOnly DueOn(DateOnly nextTouchOn, DateOnly? snoozedUntil) =>
        snoozedUntil is { } snoozed && snoozed > nextTouchOn ? snoozed : nextTouchOn;
}

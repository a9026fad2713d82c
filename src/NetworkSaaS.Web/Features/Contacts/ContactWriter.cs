using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// The one place a contact's fields are set (form, import, merge): it derives what is stored for display, sorting,
/// search, phone matching, the organization and the next stay-in-touch date — and announces a contact that has just
/// become Shared (the webhook event "contact.shared"), whichever path made it so: the form, a bulk change or its undo,
/// the review list, an import, a merge, the API.
/// </summary>
public sealed class ContactWriter(AppDbContext db, OrganizationDirectory organizations, ITenantContextAccessor tenantContext, TimeProvider clock, Webhooks.WebhookEvents webhooks)
{
    private readonly HashSet<Guid> announcedShared = [];

    public async Task ApplyAsync(Contact contact, ContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(input);
        contact.FamilyName = Clean(input.FamilyName);
        contact.GivenName = Clean(input.GivenName);
        contact.FamilyNameKana = Clean(input.FamilyNameKana);
        contact.GivenNameKana = Clean(input.GivenNameKana);
        contact.CompanyName = Clean(input.CompanyName);
        contact.Department = Clean(input.Department);
        contact.Title = Clean(input.Title);
        contact.Emails = [.. ValueLists.Split(input.Emails).Select(e => e.ToLowerInvariant())];
        contact.Phones = ValueLists.Split(input.Phones, linesOnly: true);
        contact.Urls = ValueLists.Split(input.Urls, linesOnly: true);
        contact.Address = Clean(input.Address);
        contact.Tags = ValueLists.Split(input.Tags);
        contact.Expertise = ValueLists.Split(input.Expertise);
        contact.Notes = Clean(input.Notes);
        contact.Channel = input.Channel;
        contact.MetOn = input.MetOn;
        contact.MetAt = Clean(input.MetAt);
        var introduced = input.Channel == MeetingChannel.IntroducedBySomeone;
        contact.IntroducedByUserId = introduced ? input.IntroducedByUserId : null;
        contact.IntroducedByContactId = introduced && input.IntroducedByContactId != contact.Id ? input.IntroducedByContactId : null;
        contact.Depth = input.Depth;
        contact.OpenTo = input.OpenTo;
        contact.Visibility = input.Visibility;
        contact.CadenceDays = input.CadenceDays;
        contact.ReviewPending = false;
        await DeriveAsync(contact, cancellationToken);
    }

    /// <summary>A new company, department or title (the transfer-season check), with everything derived from them.</summary>
    public Task ApplyPositionAsync(Contact contact, string? companyName, string? department, string? title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.CompanyName = Clean(companyName);
        contact.Department = Clean(department);
        contact.Title = Clean(title);
        return DeriveAsync(contact, cancellationToken);
    }

    /// <summary>Recomputes everything derived from the contact's own fields.</summary>
    public async Task DeriveAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var tenant = tenantContext.Tenant ?? throw new InvalidOperationException("No tenant.");
        contact.DisplayName = ContactNames.Display(contact.FamilyName, contact.GivenName);
        contact.SortKey = ContactNames.SortKey(contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana);
        var region = PhoneNumberForms.RegionOf(tenant);
        contact.PhonesE164 = [.. contact.Phones.Select(p => PhoneNumberForms.ToE164(p, region)).OfType<string>().Distinct()];
        var organization = await organizations.ResolveAsync(contact.CompanyName, contact.Emails, cancellationToken);
        contact.OrganizationId = organization?.Id;
        contact.NextTouchOn = StayInTouch.NextTouch(contact, TenantClock.Today(tenant, clock));
        contact.SearchText = ContactNames.SearchForm(string.Join(' ', new[]
        {
            contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana, contact.CompanyName,
            contact.Department, contact.Title, contact.Notes, contact.MetAt,
        }.Concat(contact.Tags).Concat(contact.Expertise).Concat(contact.Emails).Where(s => !string.IsNullOrEmpty(s))));
        var now = clock.GetUtcNow();
        if (contact.CreatedAt == default)
        {
            contact.CreatedAt = now;
        }

        contact.UpdatedAt = now;
        await AnnounceIfNowSharedAsync(contact, cancellationToken);
    }

    /// <summary>Once per contact and unit of work: a new Shared contact, or one whose stored visibility was not Shared.</summary>
    private async Task AnnounceIfNowSharedAsync(Contact contact, CancellationToken cancellationToken)
    {
        if (contact.Visibility != ContactVisibility.Shared || announcedShared.Contains(contact.Id))
        {
            return;
        }

        var entry = db.Entry(contact);
        if (entry.State is EntityState.Unchanged or EntityState.Modified && entry.Property(c => c.Visibility).OriginalValue == ContactVisibility.Shared)
        {
            return;
        }

        announcedShared.Add(contact.Id);
        await webhooks.RaiseAsync(Core.Features.Webhooks.WebhookEventTypes.ContactShared, Webhooks.WebhookPayloads.ContactShared(contact), cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Stay-in-touch cadence: next touch = last interaction (or meeting, or creation) + cadence days, unless snoozed later.</summary>
public static class StayInTouch
{
    /// <summary>Contacts whose touch is due on or before <paramref name="day"/>: next touch reached and not snoozed past it.</summary>
    public static IQueryable<Contact> DueBy(this IQueryable<Contact> contacts, DateOnly day) =>
        contacts.Where(c => c.NextTouchOn <= day && (c.SnoozedUntil == null || c.SnoozedUntil <= day));

    public static int? CadenceOf(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.CadenceDays ?? RelationshipDepth.DefaultCadenceDays(contact.Depth);
    }

    public static DateOnly? NextTouch(Contact contact, DateOnly today)
    {
        var cadence = CadenceOf(contact);
        if (cadence is null)
        {
            return null;
        }

        var from = contact.LastContactedOn ?? contact.MetOn ?? (contact.CreatedAt == default ? today : DateOnly.FromDateTime(contact.CreatedAt.UtcDateTime));
        var next = from.AddDays(cadence.Value);
        return contact.SnoozedUntil is { } snoozed && snoozed > next ? snoozed : next;
    }
}

/// <summary>"Today" where the company is, not where the server is.</summary>
public static class TenantClock
{
    public static DateOnly Today(ITenantInfo tenant, TimeProvider clock) => DateOnly.FromDateTime(Now(tenant, clock));

    /// <summary>The wall-clock time where the company is (daylight saving time included).</summary>
    public static DateTime Now(ITenantInfo tenant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone(tenant.TimeZoneId)).DateTime;
    }

    /// <summary>The company's time zone (UTC if the id is unknown on this machine).</summary>
    public static TimeZoneInfo Zone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
}

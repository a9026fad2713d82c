using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>Why a contact is suggested for a greeting list.</summary>
[Flags]
public enum GreetingReasons
{
    None = 0,
    Depth = 1,
    LastSeason = 2,
    ThisSeason = 4,
    AddedByHand = 8,
}

/// <summary>Where a contact stands on one season's list.</summary>
public enum GreetingPlace
{
    OnList,

    /// <summary>喪中 this season: no New Year card, a 寒中見舞い instead.</summary>
    Mourning,
    Excluded,
    Other,
}

public enum MarkSentResult
{
    Sent,
    AlreadySent,
    NotFound,
}

public sealed record GreetingRow(
    Guid ContactId, string Name, string SortKey, string? Kana, string? Company, string? Department, string? Title, int Depth, string? Address,
    GreetingReasons Reasons, GreetingPlace Place, DateOnly? SentOn);

public sealed record GreetingList(CampaignSeason Season, IReadOnlyList<GreetingRow> Rows)
{
    public IReadOnlyList<GreetingRow> In(GreetingPlace place) => [.. Rows.Where(r => r.Place == place)];

    public int Count(GreetingPlace place) => Rows.Count(r => r.Place == place);

    public int Sent => Rows.Count(r => r.Place == GreetingPlace.OnList && r.SentOn is not null);

    public int WithoutAddress => Rows.Count(r => r.Place == GreetingPlace.OnList && string.IsNullOrWhiteSpace(r.Address));

    /// <summary>What goes on address labels: the list, with an address on file, in kana order.</summary>
    public IReadOnlyList<GreetingRow> Labels => [.. Rows.Where(r => r.Place == GreetingPlace.OnList && !string.IsNullOrWhiteSpace(r.Address))];
}

/// <summary>
/// The New Year (年賀状) and summer (暑中見舞い) lists of one owner. Suggested: contacts of depth ≥ 3 (New Year) or ≥ 4
/// (summer: a shorter list, closer relationships), and everyone with a seasonal greeting logged in last season's or
/// this season's window (sent or received). The owner includes or excludes anyone, marks people in mourning (喪中: New Year
/// only), and marks cards sent: that logs one seasonal-greeting interaction, which resets the stay-in-touch cadence.
/// </summary>
public sealed class GreetingLists(AppDbContext db, InteractionLog interactions, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public static int MinimumDepth(SeasonalCampaign campaign) => campaign == SeasonalCampaign.NewYear ? 3 : 4;

    /// <summary>Contacts (of everyone in the tenant) the season's list would show; the notification job counts these per owner.</summary>
    public IQueryable<Contact> Candidates(CampaignSeason season)
    {
        ArgumentNullException.ThrowIfNull(season);
        var (minDepth, campaign, year) = (MinimumDepth(season.Campaign), season.Campaign, season.Season);
        var (lastFrom, lastTo, from, to) = (season.Previous.Opens, season.Previous.Closes, season.Opens, season.Closes);
        // A person who asked the company to stop using their data gets no cards (利用停止).
        return db.Contacts.Where(c => !c.UseStopped).Where(c => c.Depth >= minDepth
            || db.Interactions.Any(i => i.ContactId == c.Id && i.Kind == InteractionKind.SeasonalGreeting
                && ((i.OccurredOn >= lastFrom && i.OccurredOn <= lastTo) || (i.OccurredOn >= from && i.OccurredOn <= to)))
            || db.GreetingListEntries.Any(e => e.ContactId == c.Id && e.Campaign == campaign && e.Season == year
                && (e.Inclusion == GreetingInclusion.Included || e.InMourning || e.SentOn != null)));
    }

    /// <summary>Every contact of the owner with its place on the season's list, in kana order.</summary>
    public async Task<GreetingList> ForOwnerAsync(Guid ownerId, CampaignSeason season, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(season);
        var (campaign, year) = (season.Campaign, season.Season);
        var (lastFrom, lastTo, from, to) = (season.Previous.Opens, season.Previous.Closes, season.Opens, season.Closes);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId && !c.UseStopped)
            .OrderBy(c => c.SortKey).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.DisplayName, c.SortKey, c.FamilyNameKana, c.GivenNameKana, c.CompanyName, c.Department, c.Title, c.Depth, c.Address,
                LastSeason = db.Interactions.Any(i => i.ContactId == c.Id && i.Kind == InteractionKind.SeasonalGreeting && i.OccurredOn >= lastFrom && i.OccurredOn <= lastTo),
                ThisSeason = db.Interactions.Any(i => i.ContactId == c.Id && i.Kind == InteractionKind.SeasonalGreeting && i.OccurredOn >= from && i.OccurredOn <= to),
            })
            .ToListAsync(cancellationToken);
        var entries = await db.GreetingListEntries.AsNoTracking()
            .Where(e => e.Campaign == campaign && e.Season == year && db.Contacts.Any(c => c.Id == e.ContactId && c.OwnerId == ownerId))
            .ToDictionaryAsync(e => e.ContactId, cancellationToken);
        var minDepth = MinimumDepth(campaign);
        return new GreetingList(season, [.. contacts.Select(c =>
        {
            var entry = entries.GetValueOrDefault(c.Id);
            var reasons = (c.Depth >= minDepth ? GreetingReasons.Depth : 0)
                | (c.LastSeason ? GreetingReasons.LastSeason : 0)
                | (c.ThisSeason ? GreetingReasons.ThisSeason : 0)
                | (entry?.Inclusion == GreetingInclusion.Included ? GreetingReasons.AddedByHand : 0);
            var kana = $"{c.FamilyNameKana} {c.GivenNameKana}".Trim();
            return new GreetingRow(c.Id, c.DisplayName, c.SortKey, kana.Length == 0 ? null : kana, c.CompanyName, c.Department, c.Title, c.Depth, c.Address,
                reasons, PlaceOf(campaign, reasons, entry), entry?.SentOn);
        })]);
    }

    private static GreetingPlace PlaceOf(SeasonalCampaign campaign, GreetingReasons reasons, GreetingListEntry? entry) => entry switch
    {
        { InMourning: true } when campaign == SeasonalCampaign.NewYear => GreetingPlace.Mourning,
        { Inclusion: GreetingInclusion.Excluded } => GreetingPlace.Excluded,
        { SentOn: not null } => GreetingPlace.OnList,
        _ => reasons == GreetingReasons.None ? GreetingPlace.Other : GreetingPlace.OnList,
    };

    /// <summary>Includes or excludes one of the owner's contacts (or returns it to the suggestion); false when it is not theirs.</summary>
    public async Task<bool> SetInclusionAsync(Guid ownerId, Guid contactId, CampaignSeason season, GreetingInclusion inclusion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(season);
        if (!await OwnsAsync(ownerId, contactId, cancellationToken))
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO greeting_list_entries (tenant_id, contact_id, campaign, season, inclusion, in_mourning, updated_at)
            VALUES ({db.CurrentTenantId}, {contactId}, {(int)season.Campaign}, {season.Season}, {(int)inclusion}, FALSE, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, contact_id, campaign, season) DO UPDATE SET inclusion = EXCLUDED.inclusion, updated_at = EXCLUDED.updated_at
            """, cancellationToken);
        return true;
    }

    /// <summary>Marks (or unmarks) one of the owner's contacts as in mourning for the season; false when it is not theirs.</summary>
    public async Task<bool> SetMourningAsync(Guid ownerId, Guid contactId, CampaignSeason season, bool inMourning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(season);
        if (!await OwnsAsync(ownerId, contactId, cancellationToken))
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO greeting_list_entries (tenant_id, contact_id, campaign, season, inclusion, in_mourning, updated_at)
            VALUES ({db.CurrentTenantId}, {contactId}, {(int)season.Campaign}, {season.Season}, {(int)GreetingInclusion.Suggested}, {inMourning}, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, contact_id, campaign, season) DO UPDATE SET in_mourning = EXCLUDED.in_mourning, updated_at = EXCLUDED.updated_at
            """, cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks the card to one of the owner's contacts sent on <paramref name="today"/> and logs one seasonal-greeting
    /// interaction (for someone in mourning: the 寒中見舞い sent instead), exactly once per contact and season: the entry's sent day is claimed by a conditional update in the
    /// same transaction as the interaction, so a double submit (even two at once) waits for the first and logs nothing.
    /// </summary>
    public async Task<MarkSentResult> MarkSentAsync(Guid ownerId, Guid contactId, CampaignSeason season, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(season);
        var (campaign, year, now) = (season.Campaign, season.Season, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OwnerId == ownerId, cancellationToken);
        if (contact is null)
        {
            return MarkSentResult.NotFound;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO greeting_list_entries (tenant_id, contact_id, campaign, season, inclusion, in_mourning, updated_at)
            VALUES ({db.CurrentTenantId}, {contactId}, {(int)campaign}, {year}, {(int)GreetingInclusion.Suggested}, FALSE, {now})
            ON CONFLICT (tenant_id, contact_id, campaign, season) DO NOTHING
            """, cancellationToken);
        var claimed = await db.GreetingListEntries
            .Where(e => e.ContactId == contactId && e.Campaign == campaign && e.Season == year && e.SentOn == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.SentOn, today)
                .SetProperty(e => e.UpdatedAt, now)
                .SetProperty(e => e.Inclusion, e => e.Inclusion == GreetingInclusion.Excluded ? GreetingInclusion.Included : e.Inclusion), cancellationToken);
        if (claimed == 0)
        {
            return MarkSentResult.AlreadySent;
        }

        var inMourning = await db.GreetingListEntries
            .Where(e => e.ContactId == contactId && e.Campaign == campaign && e.Season == year).Select(e => e.InMourning).SingleAsync(cancellationToken);
        await interactions.AddAsync(contact, InteractionKind.SeasonalGreeting, today, SentNote(season, inMourning), ownerId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MarkSentResult.Sent;
    }

    /// <summary>The note of the logged interaction, in the language of the person who marked it.</summary>
    private string SentNote(CampaignSeason season, bool inMourning) => season.Campaign switch
    {
        SeasonalCampaign.NewYear when inMourning => l["Winter greeting sent instead of a New Year card (寒中見舞い, {0})", season.Season],
        SeasonalCampaign.NewYear => l["New Year card for {0} sent (年賀状)", season.Season],
        _ => l["Summer greeting sent (暑中見舞い {0})", season.Season],
    };

    private Task<bool> OwnsAsync(Guid ownerId, Guid contactId, CancellationToken cancellationToken) =>
        db.Contacts.AnyAsync(c => c.Id == contactId && c.OwnerId == ownerId, cancellationToken);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class DetailsModel(
    AppDbContext db,
    ContactAccess access,
    ContactWriter writer,
    InteractionLog interactions,
    DuplicateFinder duplicates,
    ContactMerger merger,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public InteractionInput Log { get; set; } = new();

    public Contact? Contact { get; private set; }
    public bool IsMine { get; private set; }
    public int ColleaguesWhoKnow { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Interaction> Timeline { get; private set; } = [];
    public IReadOnlyList<(Guid OtherId, string OtherName, IReadOnlyList<MatchReason> Reasons)> Duplicates { get; private set; } = [];
    public Guid? UndoableMergeId { get; private set; }
    public string? IntroducedBy { get; private set; }

    /// <summary>Colleagues who held this relationship before it was handed over (see Features/Handover).</summary>
    public IReadOnlyList<string> FormerlyKnownBy { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Log.OccurredOn = TenantClock.Today(tenantContext.Tenant!, clock);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostLogInteractionAsync(CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        var today = TenantClock.Today(tenantContext.Tenant!, clock);
        foreach (var (field, message) in InteractionLog.Problems(Log.Kind, Log.OccurredOn, null, today, l))
        {
            ModelState.AddModelError($"Log.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await interactions.AddAsync(contact, Log.Kind, Log.OccurredOn, Log.Note, access.CurrentUserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The interaction was logged."].Value;
        return Redirect($"/{Slug}/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostSnoozeAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        var today = TenantClock.Today(tenantContext.Tenant!, clock);
        if (until <= today || until > today.AddYears(2))
        {
            TempData["Status"] = l["Choose a day after today and within two years."].Value;
            return Redirect($"/{Slug}/contacts/{Id}");
        }

        contact.SnoozedUntil = until;
        await writer.DeriveAsync(contact, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Reminders for {0} wait until {1:yyyy-MM-dd}.", contact.DisplayName, until.ToDateTime(TimeOnly.MinValue)].Value;
        return Redirect($"/{Slug}/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostUndoMergeAsync(Guid mergeId, CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        var merge = await db.ContactMerges.FirstOrDefaultAsync(m => m.Id == mergeId && m.SurvivorId == Id && m.UndoneAt == null, cancellationToken);
        if (contact is null || merge is null || merge.OwnerId != contact.OwnerId)
        {
            return NotFound();
        }

        await merger.UndoAsync(merge, contact, cancellationToken);
        TempData["Status"] = l["The merge was undone: both contacts are back."].Value;
        return Redirect($"/{Slug}/contacts/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Contact = await access.FindReadableAsync(Id, cancellationToken);
        if (Contact is null)
        {
            return false;
        }

        IsMine = Contact.OwnerId == access.CurrentUserId;
        Today = TenantClock.Today(tenantContext.Tenant!, clock);
        ColleaguesWhoKnow = await access.ColleaguesWhoKnowAsync(Contact, cancellationToken);
        var introducerUser = Contact.IntroducedByUserId;
        var introducerContact = Contact.IntroducedByContactId;
        IntroducedBy = introducerUser is not null
            ? await db.Users.Where(u => u.Id == introducerUser).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : introducerContact is not null && IsMine
                ? await db.Contacts.Where(c => c.Id == introducerContact && c.OwnerId == Contact.OwnerId).Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken)
                : null;
        var owner = Contact.OwnerId;
        FormerlyKnownBy = (await (from h in db.ContactHandovers
                                  join u in db.Users on h.FromUserId equals u.Id
                                  where h.ContactId == Id && h.FromUserId != owner
                                  orderby h.HandedOverAt
                                  select u.DisplayName).ToListAsync(cancellationToken)).Distinct().ToList();
        if (IsMine)
        {
            Timeline = await db.Interactions.AsNoTracking().Where(i => i.ContactId == Id)
                .OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
            Duplicates = await duplicates.ForContactAsync(Contact, cancellationToken);
            UndoableMergeId = await db.ContactMerges.Where(m => m.SurvivorId == Id && m.UndoneAt == null)
                .OrderByDescending(m => m.MergedAt).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        }

        return true;
    }
}

public sealed class InteractionInput
{
    public InteractionKind Kind { get; set; } = InteractionKind.Meeting;

    public DateOnly OccurredOn { get; set; }

    [StringLength(4000, ErrorMessage = "Use at most {1} characters.")]
    public string? Note { get; set; }
}

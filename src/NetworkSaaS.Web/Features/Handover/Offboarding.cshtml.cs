using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>
/// An Admin's view of one leaver's handover: choose the successor before the deactivation (the deactivation itself
/// is the user page's, which this page's button posts to), then hand over what is still with the leaver, per contact
/// or all at once, or send a handed-over contact to someone else. Private contacts the leaver did not decide about
/// are handed over only when the company's policy allows it, each with a reason in the audit log; their names stay
/// hidden here as everywhere else.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OffboardingModel(
    AppDbContext db,
    UserManager<AppUser> users,
    Successors successors,
    LeaverHandovers handovers,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string? DisplayName, string? Company, string? Title, ContactVisibility Visibility, PrivateContactDecision? Decision, string? HolderName);

    public AppUser? Leaver { get; private set; }
    public Guid? SuccessorId { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Choices { get; private set; } = [];
    public IReadOnlyList<Row> Remaining { get; private set; } = [];
    public IReadOnlyList<Row> HandedOver { get; private set; } = [];
    public LeaverPrivateContactPolicy Policy { get; private set; }
    public int PolicyDays { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Chooses who takes over (before the deactivation, or a new default for what is still to hand over).</summary>
    public async Task<IActionResult> OnPostPlanAsync(Guid id, Guid successorId, CancellationToken cancellationToken)
    {
        var leaver = await users.FindByIdAsync(id.ToString());
        if (leaver is null)
        {
            return NotFound();
        }

        if (!await successors.IsEligibleAsync(successorId, leaver.Id, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["Choose an active colleague other than the leaver."]);
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        await handovers.PlanAsync(leaver, successorId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The successor was saved."].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Hands over the chosen contacts (or all still with the leaver that may be) to <paramref name="successorId"/>.</summary>
    public async Task<IActionResult> OnPostHandOverAsync(
        Guid id, Guid successorId, Guid[] contactIds, bool all, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var leaver = await users.FindByIdAsync(id.ToString());
        if (leaver is null)
        {
            return NotFound();
        }

        await LoadPolicyAsync(cancellationToken);
        var candidates = await HandOverCandidates(leaver.Id).ToListAsync(cancellationToken);
        if (!all && contactIds.Except(candidates.Select(c => c.Id)).Any())
        {
            return NotFound();
        }

        // "All" is everything still with the leaver; what was handed over already moves on only when chosen.
        List<Contact> chosen = all ? [.. candidates.Where(c => c.OwnerId == leaver.Id)] : [.. candidates.Where(c => contactIds.Contains(c.Id))];
        var decisions = await db.LeaverContactDecisions.Where(d => d.LeaverId == leaver.Id)
            .ToDictionaryAsync(d => d.ContactId, d => d.Decision, cancellationToken);
        var undecidedPrivate = chosen.Where(c => c.OwnerId == leaver.Id && c.Visibility == ContactVisibility.Private
            && decisions.GetValueOrDefault(c.Id) != PrivateContactDecision.HandOver).ToList();
        reason = reason?.Trim();
        if (leaver.IsActive)
        {
            ModelState.AddModelError(string.Empty, l["Contacts are handed over when the colleague is deactivated. Choose the successor now; deactivate when they leave."]);
        }
        else if (!await successors.IsEligibleAsync(successorId, leaver.Id, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["Choose an active colleague other than the leaver."]);
        }
        else if (chosen.Count == 0)
        {
            ModelState.AddModelError(string.Empty, l["Choose at least one contact."]);
        }
        else if (undecidedPrivate.Count > 0 && string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError(string.Empty, l["Give the reason for handing over Private contacts the colleague did not decide about."]);
        }
        else if (reason is { Length: > ContactHandover.ReasonMaxLength })
        {
            ModelState.AddModelError(string.Empty, l["The reason can have at most {0} characters.", ContactHandover.ReasonMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        var actor = Guid.Parse(users.GetUserId(User)!);
        var successorEmail = await db.Users.Where(u => u.Id == successorId).Select(u => u.Email).SingleAsync(cancellationToken);
        foreach (var contact in undecidedPrivate)
        {
            audit.Record(AuditActions.PrivateContactHandedOver, leaver.Email!, $"{contact.Id} → {successorEmail}; reason: {reason}");
        }

        await handovers.TransferAsync(leaver.Id, chosen, successorId, actor, undecidedPrivate.Count > 0 ? reason : null, cancellationToken);
        audit.Record(AuditActions.ContactsHandedOver, leaver.Email!, $"{chosen.Count} contacts → {successorEmail}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["{0} contacts were handed over.", chosen.Count].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// What an Admin may hand over: the leaver's contacts (Private ones only if the leaver chose to hand them over or
    /// the policy lets an Admin), and contacts already handed over from the leaver that are still with their receiver.
    /// </summary>
    private IQueryable<Contact> HandOverCandidates(Guid leaverId)
    {
        var adminMay = Policy == LeaverPrivateContactPolicy.AdminMayHandOver;
        return db.Contacts.Where(c =>
            (c.OwnerId == leaverId && (c.Visibility != ContactVisibility.Private || adminMay
                || db.LeaverContactDecisions.Any(d => d.ContactId == c.Id && d.Decision == PrivateContactDecision.HandOver)))
            || db.ContactHandovers.Any(h => h.ContactId == c.Id && h.FromUserId == leaverId && h.ToUserId == c.OwnerId));
    }

    private async Task LoadPolicyAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenantContext.Tenant!.Id;
        var policy = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.LeaverPrivateContacts, t.LeaverPrivateContactDays }).SingleAsync(cancellationToken);
        (Policy, PolicyDays) = (policy.LeaverPrivateContacts, policy.LeaverPrivateContactDays);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await LoadPolicyAsync(cancellationToken);
        Leaver = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (Leaver is null)
        {
            return false;
        }

        var handover = await db.LeaverHandovers.AsNoTracking().FirstOrDefaultAsync(h => h.LeaverId == id, cancellationToken);
        SuccessorId = handover?.SuccessorId ?? await successors.DefaultForAsync(Leaver, cancellationToken);
        StartedAt = handover?.StartedAt;
        Choices = await successors.ChoicesAsync(id, cancellationToken);
        // Names only where colleagues may see them (Shared); Private and Discoverable ones by company and title.
        Remaining = await (from c in db.Contacts.AsNoTracking()
                           where c.OwnerId == id
                           orderby c.Visibility descending, c.CompanyName, c.SortKey
                           select new Row(c.Id, c.Visibility == ContactVisibility.Shared ? c.DisplayName : null, c.CompanyName, c.Title, c.Visibility,
                               db.LeaverContactDecisions.Where(d => d.ContactId == c.Id).Select(d => (PrivateContactDecision?)d.Decision).FirstOrDefault(),
                               null)).ToListAsync(cancellationToken);
        HandedOver = await (from h in db.ContactHandovers.AsNoTracking()
                            join c in db.Contacts on h.ContactId equals c.Id
                            join u in db.Users on c.OwnerId equals u.Id
                            where h.FromUserId == id && h.ToUserId == c.OwnerId
                            orderby h.HandedOverAt descending, c.SortKey
                            select new Row(c.Id, c.Visibility == ContactVisibility.Shared ? c.DisplayName : null, c.CompanyName, c.Title, c.Visibility, null,
                                u.DisplayName)).ToListAsync(cancellationToken);
        return true;
    }
}

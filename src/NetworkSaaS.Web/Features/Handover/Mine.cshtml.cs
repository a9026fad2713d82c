using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>
/// Everyone's own handover page: before leaving, who takes over and, for each Private contact, hand over or delete
/// (applied when the account is deactivated); and the relationships colleagues who left handed over to them.
/// </summary>
public sealed class MineModel(
    AppDbContext db,
    UserManager<AppUser> users,
    Successors successors,
    LeaverHandovers handovers,
    TimeProvider clock,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record PrivateRow(Guid Id, string DisplayName, string? Company, PrivateContactDecision? Decision);

    public sealed record ReceivedRow(Guid ContactId, string DisplayName, string? Company, string FromName, DateTimeOffset At);

    public Guid? SuccessorId { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Choices { get; private set; } = [];
    public int CompanyVisible { get; private set; }
    public IReadOnlyList<PrivateRow> Private { get; private set; } = [];
    public IReadOnlyList<ReceivedRow> Received { get; private set; } = [];
    public LeaverPrivateContactPolicy Policy { get; private set; }
    public int PolicyDays { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    [BindProperty]
    public Dictionary<Guid, string> Decisions { get; set; } = [];

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPlanAsync(Guid successorId, CancellationToken cancellationToken)
    {
        var me = await users.GetUserAsync(User);
        if (me is null)
        {
            return NotFound();
        }

        if (!await successors.IsEligibleAsync(successorId, me.Id, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["Choose an active colleague other than yourself."]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        await handovers.PlanAsync(me, successorId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Your successor was saved."].Value;
        return Redirect($"/{Slug}/account/handover");
    }

    /// <summary>Saves the decision for each listed Private contact ("" clears it). A contact that is not your own Private one is not found.</summary>
    public async Task<IActionResult> OnPostDecideAsync(CancellationToken cancellationToken)
    {
        var parsed = new Dictionary<Guid, PrivateContactDecision?>();
        foreach (var (contactId, value) in Decisions)
        {
            if (string.IsNullOrEmpty(value))
            {
                parsed[contactId] = null;
            }
            else if (Enum.TryParse<PrivateContactDecision>(value, out var decision) && Enum.IsDefined(decision))
            {
                parsed[contactId] = decision;
            }
            else
            {
                return BadRequest();
            }
        }

        return await SaveAsync(parsed, cancellationToken);
    }

    /// <summary>One decision for every Private contact at once.</summary>
    public async Task<IActionResult> OnPostDecideAllAsync(PrivateContactDecision decision, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(decision))
        {
            return BadRequest();
        }

        var me = Me;
        var all = await db.Contacts.Where(c => c.OwnerId == me && c.Visibility == ContactVisibility.Private).Select(c => c.Id).ToListAsync(cancellationToken);
        return await SaveAsync(all.ToDictionary(id => id, _ => (PrivateContactDecision?)decision), cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(Dictionary<Guid, PrivateContactDecision?> wanted, CancellationToken cancellationToken)
    {
        var me = Me;
        var ids = wanted.Keys.ToArray();
        var mine = await db.Contacts.Where(c => c.OwnerId == me && c.Visibility == ContactVisibility.Private && ids.Contains(c.Id))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (mine.Count != ids.Length)
        {
            return NotFound();
        }

        var existing = await db.LeaverContactDecisions.Where(d => ids.Contains(d.ContactId)).ToDictionaryAsync(d => d.ContactId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (contactId, decision) in wanted)
        {
            var row = existing.GetValueOrDefault(contactId);
            if (decision is null)
            {
                if (row is not null)
                {
                    db.LeaverContactDecisions.Remove(row);
                }
            }
            else if (row is null)
            {
                db.LeaverContactDecisions.Add(new LeaverContactDecision { ContactId = contactId, LeaverId = me, Decision = decision.Value, DecidedAt = now });
            }
            else if (row.Decision != decision)
            {
                row.Decision = decision.Value;
                row.DecidedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Your decisions were saved. They apply when your account is deactivated."].Value;
        return Redirect($"/{Slug}/account/handover");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in user has no account.");
        var tenantId = tenantContext.Tenant!.Id;
        var policy = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.LeaverPrivateContacts, t.LeaverPrivateContactDays }).SingleAsync(cancellationToken);
        (Policy, PolicyDays) = (policy.LeaverPrivateContacts, policy.LeaverPrivateContactDays);
        SuccessorId = await db.LeaverHandovers.Where(h => h.LeaverId == me.Id).Select(h => (Guid?)h.SuccessorId).FirstOrDefaultAsync(cancellationToken)
                      ?? await successors.DefaultForAsync(me, cancellationToken);
        Choices = await successors.ChoicesAsync(me.Id, cancellationToken);
        CompanyVisible = await db.Contacts.CountAsync(c => c.OwnerId == me.Id && c.Visibility != ContactVisibility.Private, cancellationToken);
        Private = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == me.Id && c.Visibility == ContactVisibility.Private)
            .OrderBy(c => c.SortKey)
            .Select(c => new PrivateRow(c.Id, c.DisplayName, c.CompanyName,
                db.LeaverContactDecisions.Where(d => d.ContactId == c.Id).Select(d => (PrivateContactDecision?)d.Decision).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        Received = await (from h in db.ContactHandovers.AsNoTracking()
                          join c in db.Contacts on h.ContactId equals c.Id
                          join u in db.Users on h.FromUserId equals u.Id
                          where h.ToUserId == me.Id && c.OwnerId == me.Id
                          orderby h.HandedOverAt descending, c.SortKey
                          select new ReceivedRow(c.Id, c.DisplayName, c.CompanyName, u.DisplayName, h.HandedOverAt)).ToListAsync(cancellationToken);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>
/// The one POST of a bulk change from "My network" or an import's result: the selected contacts, or all that match the
/// list's filter (every page) or all of one import; and the undo of the owner's latest bulk change.
/// </summary>
public sealed class BulkModel(
    AppDbContext db,
    BulkChanges changes,
    MyNetworkQuery network,
    ContactAccess access,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public BulkEdit Edit { get; set; } = new();

    [BindProperty]
    public List<Guid> Ids { get; set; } = [];

    /// <summary>Every contact of the scope (the filter, or the import), not only the ticked ones.</summary>
    [BindProperty]
    public bool AllMatching { get; set; }

    [BindProperty]
    public NetworkFilter Filter { get; set; } = new();

    /// <summary>The import whose contacts are the scope, on its result page.</summary>
    [BindProperty]
    public Guid? Batch { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public UndoableChange? Undoable { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Undoable = await changes.UndoableAsync(access.CurrentUserId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        if (!Edit.IsValid)
        {
            return BackWith(l["Nothing was changed: choose what to change."]);
        }

        IReadOnlyCollection<Guid> ids = Ids;
        if (AllMatching && Batch is { } batchId)
        {
            ids = await db.ImportBatchContacts
                .Where(r => r.BatchId == batchId && db.ImportBatches.Any(b => b.Id == batchId && b.OwnerId == me))
                .Select(r => r.ContactId).ToListAsync(cancellationToken);
        }
        else if (AllMatching)
        {
            ids = await network.MatchingIdsAsync(me, Filter, TenantClock.Today(tenantContext.Tenant!, clock), cancellationToken);
        }

        var changed = ids.Count == 0 ? 0 : await changes.ApplyAsync(me, ids, Edit, cancellationToken);
        return BackWith(changed == 0
            ? l["Nothing was changed: no contact was selected."]
            : Edit.Action == BulkAction.Delete ? l["{0} contacts were deleted.", changed] : l["{0} contacts were changed.", changed]);
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid changeId, CancellationToken cancellationToken)
    {
        var restored = await changes.UndoAsync(access.CurrentUserId, changeId, cancellationToken);
        return BackWith(restored is { } count
            ? l["The bulk change was undone: {0} contacts are as they were.", count]
            : l["That bulk change can no longer be undone."]);
    }

    private RedirectResult BackWith(LocalizedString status)
    {
        TempData["Status"] = status.Value;
        var home = $"/{Slug}/contacts";
        return Redirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(home, StringComparison.Ordinal) ? url : home);
    }
}

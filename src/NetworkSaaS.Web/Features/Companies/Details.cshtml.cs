using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>
/// Everything the current user may see about one external company: their own contacts there, colleagues' Shared
/// contacts, and colleagues' Discoverable ones reduced to department, title and depth. Private ones leave no trace.
/// </summary>
public sealed class DetailsModel(AppDbContext db, ContactAccess access, ITenantContextAccessor tenantContext) : PageModel
{
    public sealed record Row(Guid Id, string DisplayName, string? Title, int Depth, string? OwnerName, Guid OwnerId);

    public sealed record Hint(string? OwnerDepartment, string? Title, int Depth);

    public Organization? Organization { get; private set; }
    public IReadOnlyList<Row> Mine { get; private set; } = [];
    public IReadOnlyList<Row> Shared { get; private set; } = [];
    public IReadOnlyList<Hint> Discoverable { get; private set; } = [];
    public int ColleagueCount { get; private set; }

    /// <summary>Colleagues whose Shared contacts here the user can see: they can be asked to introduce "anyone you know here".</summary>
    public IReadOnlyList<(Guid Id, string Name)> Connectors => [.. Shared.GroupBy(s => s.OwnerId).Select(g => (g.Key, g.First().OwnerName ?? ""))];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (Organization is null)
        {
            return NotFound();
        }

        var me = access.CurrentUserId;
        var here = db.Contacts.AsNoTracking().Where(c => c.OrganizationId == id);
        // A leaver's contacts that are not handed over yet are nobody's to introduce.
        var colleagues = here.Where(c => c.OwnerId != me && c.Owner!.IsActive && !c.UseStopped);
        Mine = await here.Where(c => c.OwnerId == me).OrderBy(c => c.SortKey)
            .Select(c => new Row(c.Id, c.DisplayName, c.Title, c.Depth, null, c.OwnerId)).ToListAsync(cancellationToken);
        Shared = await colleagues.Where(c => c.Visibility == ContactVisibility.Shared).OrderBy(c => c.SortKey)
            .Select(c => new Row(c.Id, c.DisplayName, c.Title, c.Depth, c.Owner!.DisplayName, c.OwnerId)).ToListAsync(cancellationToken);
        Discoverable = await colleagues.Where(c => c.Visibility == ContactVisibility.Discoverable)
            .OrderByDescending(c => c.Depth).ThenBy(c => c.Title)
            .Select(c => new Hint(c.Owner!.Department != null ? c.Owner.Department.Name : null, c.Title, c.Depth))
            .ToListAsync(cancellationToken);
        ColleagueCount = await colleagues.Where(c => c.Visibility != ContactVisibility.Private)
            .Select(c => c.OwnerId).Distinct().CountAsync(cancellationToken);
        if (!await db.Organizations.VisibleTo(db.Contacts, me).AnyAsync(o => o.Id == id, cancellationToken))
        {
            // A company known only through colleagues' private contacts must not be revealed to exist.
            return NotFound();
        }

        return Page();
    }
}

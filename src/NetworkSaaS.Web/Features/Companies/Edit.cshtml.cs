using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>
/// The company facts everyone shares: industry (from the fixed list) and web domain. Anyone who may see the company page
/// may correct them (like the company page, a company known only through colleagues' Private contacts answers 404);
/// every change is audited with the old and new values.
/// </summary>
public sealed class EditModel(AppDbContext db, ContactAccess access, AuditLog audit, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public string? Industry { get; set; }

    [BindProperty]
    public string? Domain { get; set; }

    public Organization? Organization { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Organization = await FindAsync(id, cancellationToken);
        if (Organization is null)
        {
            return NotFound();
        }

        Industry = Organization.Industry;
        Domain = Organization.Domain;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Organization = await FindAsync(id, cancellationToken);
        if (Organization is null)
        {
            return NotFound();
        }

        var industry = string.IsNullOrWhiteSpace(Industry) ? null : Industry.Trim();
        if (industry is not null && !Industries.IsKnown(industry))
        {
            ModelState.AddModelError(nameof(Industry), l["Choose an industry from the list."]);
        }

        var domain = string.IsNullOrWhiteSpace(Domain) ? null : CompanyDomains.FromUrl(Domain);
        if (!string.IsNullOrWhiteSpace(Domain) && domain is null)
        {
            ModelState.AddModelError(nameof(Domain), l["Enter a domain such as example.co.jp or the company's web address."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (industry != Organization.Industry || domain != Organization.Domain)
        {
            audit.Record(AuditActions.OrganizationUpdated, Organization.Name,
                $"{Organization.Id}; industry: {Organization.Industry ?? "-"} → {industry ?? "-"}; domain: {Organization.Domain ?? "-"} → {domain ?? "-"}");
            Organization.Industry = industry;
            Organization.Domain = domain;
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = l["The company was saved."].Value;
        return Redirect($"/{Slug}/companies/{id}");
    }

    /// <summary>The organization, if the user may see its page: they have a contact there, or a colleague has a Shared or Discoverable one.</summary>
    private async Task<Organization?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        var visible = await db.Contacts.AnyAsync(
            c => c.OrganizationId == id && (c.OwnerId == me || c.Visibility != ContactVisibility.Private), cancellationToken);
        return visible ? await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
    }
}

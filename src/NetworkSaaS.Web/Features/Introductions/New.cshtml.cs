using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>Asking a colleague for an introduction, to one contact found in discovery or to anyone they know at a company.</summary>
public sealed class NewModel(AppDbContext db, IntroductionService service, IntroductionViews views, IntroductionLabels labels, ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Contact { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Organization { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Connector { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Ask { get; set; }

    [BindProperty]
    public IntroductionPurpose Purpose { get; set; } = IntroductionPurpose.SalesLead;

    [BindProperty]
    [StringLength(2000, ErrorMessage = "Keep it under {1} characters.")]
    public string? Reason { get; set; }

    public string Target { get; private set; } = "";
    public string? ConnectorName { get; private set; }
    public IReadOnlyList<(Guid Id, string Title)> Positions { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Ask is { } askId && await db.Asks.AsNoTracking().FirstOrDefaultAsync(a => a.Id == askId, cancellationToken) is { } ask)
        {
            Purpose = ask.Purpose;
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await service.RequestAsync(views.CurrentUserId, new IntroductionInput(Contact, Organization, Connector, Purpose, Reason, Ask), cancellationToken);
        if (result is { Problem: IntroductionProblem.PersonAlreadyRequested, RequestId: { } pendingId })
        {
            TempData["Status"] = l["You already have a pending introduction request for this person, through another colleague who knows them: here it is. Withdraw it first to ask someone else."].Value;
            return Redirect($"/{Slug}/introductions/{pendingId}");
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, labels.Problem(result.Problem!.Value));
            return Page();
        }

        if (result.AlreadyPending)
        {
            TempData["Status"] = l["You already asked for this introduction; here is your pending request."].Value;
        }

        return Redirect($"/{Slug}/introductions/{result.RequestId}");
    }

    /// <summary>What the requester may see of the target: a Shared contact's name, a Discoverable one's title and company.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var me = views.CurrentUserId;
        if (Contact is { } contactId)
        {
            var contact = await db.Contacts.AsNoTracking().Include(c => c.Owner)
                .FirstOrDefaultAsync(c => c.Id == contactId && c.Visibility != ContactVisibility.Private && !c.UseStopped && c.OwnerId != me, cancellationToken);
            if (contact is null)
            {
                return false;
            }

            var shared = contact.Visibility == ContactVisibility.Shared;
            Target = IntroductionService.Summary(contact, revealName: shared);
            ConnectorName = shared ? contact.Owner?.DisplayName : null;
        }
        else if (Organization is { } organizationId && Connector is { } connectorId)
        {
            var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
            var visible = organization is not null && connectorId != me && await db.Contacts.AnyAsync(
                c => c.OrganizationId == organizationId && c.OwnerId == connectorId && c.Visibility == ContactVisibility.Shared, cancellationToken);
            if (!visible)
            {
                return false;
            }

            Target = organization!.Name;
            ConnectorName = await db.Users.Where(u => u.Id == connectorId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        }
        else
        {
            return false;
        }

        Positions = [.. (await db.Asks.AsNoTracking()
                .Where(a => a.State == AskState.Open && a.Purpose == IntroductionPurpose.ReferralHire && a.IsPosition)
                .OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken))
            .Select(a => (a.Id, a.Title))];
        return true;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Deleting a contact removes it and its interactions for real (third parties' data), plus merge history that holds copies.</summary>
public sealed class DeleteModel(Triage.ContactRemoval removal, ContactAccess access, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string DisplayName { get; private set; } = "";
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        DisplayName = contact.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        await removal.RemoveAsync(contact.OwnerId, [contact.Id], cancellationToken);
        TempData["Status"] = l["{0} was deleted.", contact.DisplayName].Value;
        return Redirect($"/{Slug}/contacts");
    }
}

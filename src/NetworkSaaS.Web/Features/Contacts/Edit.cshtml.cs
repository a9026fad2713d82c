using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class EditModel(
    AppDbContext db,
    ContactWriter writer,
    ContactAccess access,
    IntroducerChoices introducers,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        Input = ContactInput.From(contact);
        ViewData["Introducers"] = await introducers.LoadAsync(access.CurrentUserId, Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        ContactFormValidation.Validate(Input, ModelState, l);
        await introducers.ValidateAsync(Input, access.CurrentUserId, ModelState, l, cancellationToken);
        if (!ModelState.IsValid)
        {
            ViewData["Introducers"] = await introducers.LoadAsync(access.CurrentUserId, Id, cancellationToken);
            return Page();
        }

        await writer.ApplyAsync(contact, Input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Your changes were saved."].Value;
        return Redirect($"/{Slug}/contacts/{contact.Id}");
    }
}

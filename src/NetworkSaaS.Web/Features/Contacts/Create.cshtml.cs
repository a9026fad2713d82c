using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class CreateModel(
    AppDbContext db,
    ContactWriter writer,
    ContactAccess access,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public string Slug => tenantContext.Tenant!.Slug;

    public void OnGet() => Input.Visibility = tenantContext.Tenant!.DefaultContactVisibility;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ContactFormValidation.Validate(Input, ModelState, l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var contact = new Contact { OwnerId = access.CurrentUserId };
        await writer.ApplyAsync(contact, Input, cancellationToken);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["{0} was added to your network.", contact.DisplayName].Value;
        return Redirect($"/{Slug}/contacts/{contact.Id}");
    }
}

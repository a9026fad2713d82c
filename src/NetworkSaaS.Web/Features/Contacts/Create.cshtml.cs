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
    IntroducerChoices introducers,
    Privacy.SuppressionList suppressions,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Visibility = tenantContext.Tenant!.DefaultContactVisibility;
        ViewData["Introducers"] = await introducers.LoadAsync(access.CurrentUserId, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ContactFormValidation.Validate(Input, ModelState, l);
        await introducers.ValidateAsync(Input, access.CurrentUserId, ModelState, l, cancellationToken);
        if (ModelState.IsValid && await suppressions.IsSuppressedAsync(ValueLists.Split(Input.Emails), ValueLists.Split(Input.Phones, linesOnly: true), cancellationToken))
        {
            // "Input": the form partial is rendered with that prefix, and its summary shows model errors of the prefix.
            ModelState.AddModelError(nameof(Input), l["This person asked the company to erase their data (their email or phone matches an erasure), so they cannot be added again."]);
        }

        if (!ModelState.IsValid)
        {
            ViewData["Introducers"] = await introducers.LoadAsync(access.CurrentUserId, null, cancellationToken);
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

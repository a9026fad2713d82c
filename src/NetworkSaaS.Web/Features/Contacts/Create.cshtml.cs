using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class CreateModel(
    ContactCreation creation,
    ContactAccess access,
    IntroducerChoices introducers,
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
        var contact = await creation.CreateAsync(access.CurrentUserId, Input, ModelState, cancellationToken);
        if (contact is null)
        {
            ViewData["Introducers"] = await introducers.LoadAsync(access.CurrentUserId, null, cancellationToken);
            return Page();
        }

        TempData["Status"] = l["{0} was added to your network.", contact.DisplayName].Value;
        return Redirect($"/{Slug}/contacts/{contact.Id}");
    }
}

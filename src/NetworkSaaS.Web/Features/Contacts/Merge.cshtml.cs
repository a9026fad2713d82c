using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class MergeModel(ContactAccess access, ContactMerger merger, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid OtherId { get; set; }

    public Contact? Survivor { get; private set; }
    public Contact? Absorbed { get; private set; }
    public Contact? Result { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Result = merger.Preview(Survivor!, Absorbed!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await merger.MergeAsync(Survivor!, Absorbed!, cancellationToken);
        TempData["Status"] = l["The contacts were merged."].Value;
        return Redirect($"/{Slug}/contacts/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Id == OtherId)
        {
            return false;
        }

        Survivor = await access.FindOwnAsync(Id, cancellationToken);
        Absorbed = await access.FindOwnAsync(OtherId, cancellationToken);
        return Survivor is not null && Absorbed is not null;
    }
}

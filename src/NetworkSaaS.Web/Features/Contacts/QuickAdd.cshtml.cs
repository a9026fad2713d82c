using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Adding a contact on the phone at an exchange event: name, company, how we met (today, and the event of the last
/// contact met at one), depth and a note. The rest of the fields keep their new-contact defaults until edited.
/// </summary>
public sealed class QuickAddModel(
    ContactCreation creation,
    ContactAccess access,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    /// <summary>The contact saved just before (after the redirect), offered for "add the rest".</summary>
    public Contact? Added { get; private set; }

    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(Guid? added, CancellationToken cancellationToken)
    {
        Input = new ContactInput
        {
            Channel = MeetingChannel.ExchangeEvent,
            MetOn = TenantClock.Today(tenantContext.Tenant!, clock),
            MetAt = await creation.LastEventAsync(access.CurrentUserId, cancellationToken),
        };
        if (added is { } id)
        {
            Added = await access.FindOwnAsync(id, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Only the quick fields are taken from the form: whatever else is posted, the rest keeps the defaults of a new contact.
        var input = new ContactInput
        {
            FamilyName = Input.FamilyName,
            GivenName = Input.GivenName,
            CompanyName = Input.CompanyName,
            Channel = Input.Channel,
            MetOn = Input.MetOn,
            MetAt = Input.MetAt,
            Depth = Input.Depth,
            Notes = Input.Notes,
            Visibility = tenantContext.Tenant!.DefaultContactVisibility,
        };
        var contact = await creation.CreateAsync(access.CurrentUserId, input, ModelState, cancellationToken);
        if (contact is null)
        {
            return Page();
        }

        TempData["Status"] = l["{0} was added to your network.", contact.DisplayName].Value;
        return Redirect($"/{Slug}/contacts/quick?added={contact.Id}");
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// The page an unsubscribe link in a mail opens, signed in or not. Opening it changes nothing (mail scanners follow
/// links); the button posts the form, with its antiforgery token, and stops that kind of email.
/// </summary>
public sealed class UnsubscribeModel(UnsubscribeLinks links, NotificationSettingsStore settings, ITenantContextAccessor tenantContext) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public UnsubscribeRequest? Stop { get; private set; }

    public bool Done { get; private set; }

    public string Slug => tenantContext.Tenant!.Slug;

    public void OnGet() => Stop = links.Read(tenantContext.Tenant!, Token);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Stop = links.Read(tenantContext.Tenant!, Token);
        if (Stop is null || !await settings.UnsubscribeAsync(Stop, cancellationToken))
        {
            Stop = null;
            return Page();
        }

        Done = true;
        return Page();
    }
}

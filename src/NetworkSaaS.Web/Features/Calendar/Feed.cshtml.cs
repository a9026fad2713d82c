using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// The signed-in user's own calendar feed: make its URL (or a new one, which ends the old), or revoke it. Only a hash of
/// the URL's token is stored, so the URL is shown once, right after it is made (TempData), and never again.
/// </summary>
public sealed class FeedModel(
    CalendarFeedTokens tokens,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    EmailOptions email,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NewUrlKey = "CalendarFeedUrl";

    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>The URL just made, shown only now.</summary>
    public string? NewUrl { get; private set; }

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    private string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CreatedAt = (await tokens.FindForUserAsync(Me, cancellationToken))?.CreatedAt;
        NewUrl = TempData[NewUrlKey] as string;
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var token = await tokens.IssueAsync(Me, cancellationToken);
        TempData[NewUrlKey] = email.BaseUrl.TrimEnd('/') + CalendarFeedEndpoint.PathFor(Slug, token);
        TempData["Status"] = l["Your calendar feed URL is ready. Copy it now: it is not shown again."].Value;
        return Redirect($"/{Slug}/account/calendar");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(Me, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["Your calendar feed was turned off. Calendars subscribed to it get nothing new."].Value;
        return Redirect($"/{Slug}/account/calendar");
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Sessions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>Ends the signed-in user's own sessions: one by id, or all but the one making the request.</summary>
public sealed class SessionsModel(
    UserSessions sessions,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => Redirect(SecurityPage);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !await sessions.RevokeAsync(user, id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["The session was ended. That device is signed out."].Value;
        return Redirect(SecurityPage);
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        var ended = await sessions.RevokeAllAsync(user, sessions.CurrentSessionId(user.Id), cancellationToken);
        TempData["Status"] = l["{0} other sessions were ended.", ended].Value;
        return Redirect(SecurityPage);
    }

    private string SecurityPage => $"/{tenantContext.Tenant!.Slug}/account/security#sessions";
}

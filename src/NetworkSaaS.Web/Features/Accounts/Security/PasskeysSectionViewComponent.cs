using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NetworkSaaS.Web.Features.Accounts.Passkeys;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>The passkeys section of the security page: the user's passkeys, and forms that post to <see cref="PasskeysModel"/>.</summary>
public sealed class PasskeysSectionViewComponent(PasskeyList passkeys, UserManager<Core.Features.Accounts.AppUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = Guid.Parse(users.GetUserId(UserClaimsPrincipal)!);
        return View("~/Features/Accounts/Security/PasskeysSection.cshtml", await passkeys.ForUserAsync(userId, HttpContext.RequestAborted));
    }
}

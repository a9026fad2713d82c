using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Web.Features.Ops;

namespace NetworkSaaS.Web.Features.OpsSignIn;

/// <summary>Ends the operator's session (at any stage of the sign-in). GET only asks; signing out is a POST.</summary>
[Authorize(AuthenticationSchemes = OperatorAuthentication.Scheme)]
public sealed class LogoutModel(OperatorSignIn signIn, PlatformAudit audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        var id = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
        await audit.RecordAsync(PlatformAuditActions.SignedOut, User.Identity?.Name ?? "", id, cancellationToken: cancellationToken);
        return Redirect("/ops/login");
    }
}

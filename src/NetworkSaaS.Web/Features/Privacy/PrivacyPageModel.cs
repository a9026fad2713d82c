using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>
/// The privacy pages: [Authorize] on each page lets Admins and HR through, and every handler (GET included) is then
/// refused with 403 unless <see cref="PrivacyAccess"/> says this user handles privacy requests in this company now.
/// </summary>
public abstract class PrivacyPageModel(PrivacyAccess access, UserManager<AppUser> users) : PageModel
{
    protected Guid Me => Guid.Parse(users.GetUserId(User)!);

    protected PrivacyAccess Access { get; } = access;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await Access.MayHandleAsync(Me, HttpContext.RequestAborted))
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Web.Features.Accounts.Sessions;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>The security page's list of the user's live sessions; its forms post to <see cref="SessionsModel"/>.</summary>
public sealed class SessionsSectionViewComponent(UserSessions sessions, UserManager<AppUser> users) : ViewComponent
{
    public sealed record Row(Guid Id, string? Device, string? IpAddress, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool IsCurrent);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = Guid.Parse(users.GetUserId(UserClaimsPrincipal)!);
        var current = sessions.CurrentSessionId(userId);
        var rows = (await sessions.LiveSessionsAsync(userId, HttpContext.RequestAborted))
            .Select(s => new Row(s.Id, DeviceSummary.Describe(s.UserAgent), s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Id == current))
            .OrderByDescending(r => r.IsCurrent)
            .ToList();
        return View("~/Features/Accounts/Security/SessionsSection.cshtml", rows);
    }
}

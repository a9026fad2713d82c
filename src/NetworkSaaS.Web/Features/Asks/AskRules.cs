using System.Security.Claims;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>Who may do what on the asks board, and how an ask's age reads.</summary>
public static class AskRules
{
    public const int PageSize = 50;

    /// <summary>Open positions (referral hiring) are managed by HR; Admin may stand in.</summary>
    public static bool ManagesPositions(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.HR) || user.IsInRole(Roles.Admin);
    }

    /// <summary>The author closes their ask; HR and Admin may also close open positions.</summary>
    public static bool MayClose(Ask ask, Guid userId, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(ask);
        return ask.AuthorId == userId || (ask.IsPosition && ManagesPositions(user));
    }

    public static string Age(DateTimeOffset createdAt, DateTimeOffset now, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var days = (int)Math.Floor((now - createdAt).TotalDays);
        return days switch
        {
            <= 0 => l["Posted today"],
            1 => l["Posted yesterday"],
            _ => l["Posted {0} days ago", days],
        };
    }
}

using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>A company always keeps one active Admin: neither an Admin nor the directory can remove the last one.</summary>
public static class LastActiveAdmin
{
    public static async Task<bool> IsLastActiveAdminAsync(this UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.IsActive && a.Id != user.Id);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.CompanyDirectory;

/// <summary>
/// Applies the company's "directory group → role" mapping to a user, from whichever source knows their groups
/// (the SSO groups claim at each sign-in, SCIM group membership). Only roles named in the mapping are managed
/// this way; the rest stay as an Admin set them. The company's last active Admin is never demoted by it.
/// </summary>
public sealed class DirectoryGroupRoles(AppDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    /// <returns>True when the user's roles changed (their security stamp is then renewed).</returns>
    public async Task<bool> SyncAsync(AppUser user, IEnumerable<string> groups, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(groups);
        var mapping = await db.DirectoryGroupRoles.AsNoTracking().ToListAsync(cancellationToken);
        if (mapping.Count == 0)
        {
            return false;
        }

        var memberOf = groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var managed = mapping.Select(m => m.Role).ToHashSet(StringComparer.Ordinal);
        var wanted = mapping.Where(m => memberOf.Contains(m.GroupName)).Select(m => m.Role).ToHashSet(StringComparer.Ordinal);
        var current = await users.GetRolesAsync(user);

        var added = wanted.Where(Roles.IsKnown).Except(current, StringComparer.Ordinal).ToList();
        var removed = current.Where(r => managed.Contains(r) && !wanted.Contains(r)).ToList();
        if (removed.Contains(Roles.Admin) && await users.IsLastActiveAdminAsync(user))
        {
            removed.Remove(Roles.Admin);
        }

        if (added.Count + removed.Count == 0)
        {
            return false;
        }

        if (removed.Count > 0)
        {
            (await users.RemoveFromRolesAsync(user, removed)).ThrowIfFailed();
        }

        if (added.Count > 0)
        {
            (await users.AddToRolesAsync(user, added)).ThrowIfFailed();
        }

        (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
        audit.Record(AuditActions.RolesChanged, user.Email ?? user.Id.ToString(),
            $"{source} added: {string.Join(", ", added)}; removed: {string.Join(", ", removed)}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

}

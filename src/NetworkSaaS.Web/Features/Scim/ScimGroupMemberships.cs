using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Web.Features.CompanyDirectory;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// Who is in which SCIM group, and the roles that follow from it: after every membership change each affected
/// user's roles are synced from all their groups (by display name, id and external id, as the mapping may name any).
/// </summary>
public sealed class ScimGroupMemberships(AppDbContext db, DirectoryGroupRoles roles)
{
    public const string Source = "scim";

    public async Task<Dictionary<Guid, List<(Guid Id, string Name)>>> GroupsOfAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.ScimGroupMembers.AsNoTracking()
            .Where(m => userIds.Contains(m.UserId))
            .Join(db.ScimGroups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.DisplayName })
            .OrderBy(r => r.DisplayName)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => (r.Id, r.DisplayName)).ToList());
    }

    /// <summary>A user the directory deleted leaves all their groups (and the roles those gave).</summary>
    public async Task RemoveUserAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await db.ScimGroupMembers.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        db.ScimGroupMembers.RemoveRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await roles.SyncAsync(user, [], Source, cancellationToken);
    }

    /// <summary>Applies the directory's group → role mapping to each of <paramref name="userIds"/> (after the membership change is saved).</summary>
    public async Task SyncRolesAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var groups = await db.ScimGroupMembers.AsNoTracking()
            .Where(m => ids.Contains(m.UserId))
            .Join(db.ScimGroups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.DisplayName, g.ExternalId })
            .ToListAsync(cancellationToken);
        var people = await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        foreach (var user in people)
        {
            var names = groups.Where(g => g.UserId == user.Id)
                .SelectMany(g => new[] { g.DisplayName, g.Id.ToString(), g.ExternalId ?? "" })
                .ToList();
            await roles.SyncAsync(user, names, Source, cancellationToken);
        }
    }
}

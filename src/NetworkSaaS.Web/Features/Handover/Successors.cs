using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>Who may take over a leaver's relationships, and who does when nobody chose: their department's manager, else an Admin.</summary>
public sealed class Successors(AppDbContext db)
{
    public Task<bool> IsEligibleAsync(Guid successorId, Guid leaverId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == successorId && u.Id != leaverId && u.IsActive, cancellationToken);

    /// <summary>Active colleagues other than the leaver, by reading.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ChoicesAsync(Guid leaverId, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != leaverId)
            .OrderBy(u => u.DisplayNameKana ?? u.DisplayName).ThenBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
        .Select(u => (u.Id, u.DisplayName)).ToList();

    /// <summary>The leaver's department's Manager (the longest-serving if several), else the longest-serving Admin; null when nobody else is active.</summary>
    public async Task<Guid?> DefaultForAsync(AppUser leaver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaver);
        var department = leaver.DepartmentId;
        if (department is not null && await ActiveInRole(Roles.Manager, leaver.Id)
                .Where(u => u.DepartmentId == department).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken) is { } manager)
        {
            return manager;
        }

        return await ActiveInRole(Roles.Admin, leaver.Id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private IQueryable<AppUser> ActiveInRole(string role, Guid leaverId) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == role && u.IsActive && u.Id != leaverId
        orderby u.CreatedAt, u.Id
        select u;
}

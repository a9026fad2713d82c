using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Reports;

public sealed record ReportDepartment(Guid Id, string Name);

/// <summary>
/// Whose work a report counts. The whole company, or one department: its members (<see cref="Members"/>; empty for a
/// manager without a department, who then sees nothing). Introductions count for the connector's department and
/// person (whose network they came from); contacts for their owner's; interactions for whoever logged them.
/// </summary>
public sealed record ReportScope(ReportDepartment? Department, Guid[] Members, bool CanChooseDepartment, IReadOnlyList<ReportDepartment> Departments)
{
    public bool WholeCompany => Department is null && CanChooseDepartment;
}

/// <summary>A Manager sees their own department; Executives and Admins the whole company or a department they choose.</summary>
public sealed class ReportAccess(AppDbContext db, UserManager<AppUser> users)
{
    public const string AllowedRoles = $"{Core.Features.Accounts.Roles.Manager},{Core.Features.Accounts.Roles.Executive},{Core.Features.Accounts.Roles.Admin}";

    public static bool MaySee(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Core.Features.Accounts.Roles.Manager) || SeesWholeCompany(user);
    }

    private static bool SeesWholeCompany(ClaimsPrincipal user) =>
        user.IsInRole(Core.Features.Accounts.Roles.Executive) || user.IsInRole(Core.Features.Accounts.Roles.Admin);

    public async Task<ReportScope> ScopeAsync(ClaimsPrincipal user, Guid? requestedDepartment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new ReportDepartment(d.Id, d.Name)).ToListAsync(cancellationToken);
        var chooses = SeesWholeCompany(user);
        Guid? departmentId = requestedDepartment;
        if (!chooses)
        {
            var me = Guid.Parse(users.GetUserId(user)!);
            departmentId = await db.Users.Where(u => u.Id == me).Select(u => u.DepartmentId).SingleAsync(cancellationToken);
        }

        var department = departments.FirstOrDefault(d => d.Id == departmentId);
        if (department is null)
        {
            return new ReportScope(null, [], chooses, departments);
        }

        var members = await db.Users.Where(u => u.DepartmentId == department.Id).Select(u => u.Id).ToArrayAsync(cancellationToken);
        return new ReportScope(department, members, chooses, departments);
    }
}

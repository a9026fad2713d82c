using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class UserModel(
    Accounts.UserDeactivation deactivation,
    AppDbContext db,
    UserManager<AppUser> users,
    AuditLog audit,
    Accounts.Mfa.AuthenticatorEnrollment enrollment,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool IsActive { get; private set; }
    public bool HasAuthenticator { get; private set; }
    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];
    public IReadOnlyList<string> AssignableRoles { get; } = [.. Roles.All.Where(r => r != Roles.Employee)];
    public Guid? DepartmentId { get; private set; }
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id) is null)
        {
            return NotFound();
        }

        await LoadDepartmentsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, string[] roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var user = await LoadAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var wanted = roles.Where(Roles.IsKnown).Append(Roles.Employee).Distinct().ToList();
        if (CurrentRoles.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && await users.IsLastActiveAdminAsync(user))
        {
            ModelState.AddModelError(string.Empty, l["The company needs at least one active administrator."]);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        var removed = CurrentRoles.Except(wanted).ToList();
        var added = wanted.Except(CurrentRoles).ToList();
        if (removed.Count > 0)
        {
            (await users.RemoveFromRolesAsync(user, removed)).ThrowIfFailed();
        }

        if (added.Count > 0)
        {
            (await users.AddToRolesAsync(user, added)).ThrowIfFailed();
        }

        if (removed.Count + added.Count > 0)
        {
            await users.UpdateSecurityStampAsync(user);
            audit.Record(AuditActions.RolesChanged, user.Email!, $"added: {string.Join(", ", added)}; removed: {string.Join(", ", removed)}");
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = l["The roles of {0} were saved.", user.DisplayName].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>For a user who lost their phone and recovery codes: MFA off, so they can sign in and enroll again.</summary>
    public async Task<IActionResult> OnPostResetMfaAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await LoadAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await enrollment.TurnOffAsync(user);
        audit.Record(AuditActions.MfaReset, user.Email!);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Two-step sign-in of {0} was reset. They set it up again at their next sign-in if the company requires it.", user.DisplayName].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Departments decide what a Manager sees (reports, department introductions, escalations): only Admins assign them.</summary>
    public async Task<IActionResult> OnPostDepartmentAsync(Guid id, Guid? departmentId, CancellationToken cancellationToken)
    {
        var user = await LoadAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        if (departmentId is { } chosen && !names.ContainsKey(chosen))
        {
            ModelState.AddModelError(string.Empty, l["Choose a department from the list."]);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        if (user.DepartmentId != departmentId)
        {
            var before = user.DepartmentId is { } old ? names.GetValueOrDefault(old, "") : "";
            audit.Record(AuditActions.DepartmentChanged, user.Email!, $"{before} → {(departmentId is { } now ? names[now] : "")}");
            user.DepartmentId = departmentId;
            // Saves the audit entry with the change (one unit of work).
            (await users.UpdateAsync(user)).ThrowIfFailed();
        }

        TempData["Status"] = l["The department of {0} was saved.", user.DisplayName].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Posted from the offboarding page with the successor chosen there; the handover starts with the deactivation.</summary>
    public Task<IActionResult> OnPostDeactivateAsync(Guid id, Guid? successorId, CancellationToken cancellationToken) => SetActiveAsync(id, false, successorId, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, true, null, cancellationToken);

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, Guid? successorId, CancellationToken cancellationToken)
    {
        var user = await LoadAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (!active && user.Id.ToString() == users.GetUserId(User))
        {
            ModelState.AddModelError(string.Empty, l["You cannot deactivate yourself."]);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        if (!active && CurrentRoles.Contains(Roles.Admin) && await users.IsLastActiveAdminAsync(user))
        {
            ModelState.AddModelError(string.Empty, l["The company needs at least one active administrator."]);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        if (active)
        {
            await deactivation.ReactivateAsync(user, cancellationToken);
        }
        else
        {
            await deactivation.DeactivateAsync(user, successorId, cancellationToken);
        }

        TempData["Status"] = (active ? l["{0} can sign in again.", user.DisplayName] : l["{0} was deactivated.", user.DisplayName]).Value;
        return active ? RedirectToPage(new { id }) : Redirect($"/{RouteData.Values["tenant"]}/admin/users/{id}/offboarding");
    }

    private async Task<AppUser?> LoadAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is not null)
        {
            DisplayName = user.DisplayName;
            Email = user.Email ?? "";
            IsActive = user.IsActive;
            HasAuthenticator = user.TwoFactorEnabled;
            DepartmentId = user.DepartmentId;
            CurrentRoles = [.. await users.GetRolesAsync(user)];
        }

        return user;
    }

    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken) =>
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString()))
            .ToListAsync(cancellationToken);

}

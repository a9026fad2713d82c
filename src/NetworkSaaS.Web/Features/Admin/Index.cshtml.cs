using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Admin;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.Invitations)]
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountEmails emails,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    IOptions<InvitationOptions> invitationOptions,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public string TenantSlug => tenantContext.Tenant!.Slug;
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];
    public IReadOnlyList<string> AssignableRoles { get; } = [.. Roles.All.Where(r => r != Roles.Employee)];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var email = Invite.Email.Trim();
        var roles = Invite.Roles.Where(Roles.IsKnown).Distinct().ToList();
        if (ModelState.IsValid && await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Invite.Email", l["Someone in your company already uses this email address."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var normalized = users.NormalizeEmail(email);
        var now = clock.GetUtcNow();
        // A new invitation replaces any open one for the same address: only the newest link works.
        foreach (var open in await db.Invitations.Where(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            open.RevokedAt = now;
        }

        var token = InvitationTokens.NewToken();
        var invitation = new Invitation
        {
            Email = email,
            NormalizedEmail = normalized,
            Roles = roles,
            TokenHash = InvitationTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(invitationOptions.Value.ValidForDays),
            InvitedByUserId = Guid.Parse(users.GetUserId(User)!),
        };
        db.Invitations.Add(invitation);
        audit.Record(AuditActions.UserInvited, email, string.Join(", ", roles.Prepend(Roles.Employee)));
        await db.SaveChangesAsync(cancellationToken);
        await emails.SendInvitationAsync(invitation, token, User.FindFirst(TenantClaimTypes.DisplayName)?.Value ?? "", cancellationToken);
        TempData["Status"] = l["Invitation sent to {0}.", email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        invitation.RevokedAt = clock.GetUtcNow();
        audit.Record(AuditActions.InvitationRevoked, invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The invitation to {0} was withdrawn.", invitation.Email].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var roleNames = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rolesByUser = roleNames.ToLookup(r => r.UserId, r => r.Name!);
        var people = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayNameKana ?? u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, Department = u.Department != null ? u.Department.Name : null, u.IsActive })
            .ToListAsync(cancellationToken);
        Users = [.. people.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.Department, u.IsActive,
            [.. Roles.All.Where(r => rolesByUser[u.Id].Contains(r))]))];
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Roles, i.ExpiresAt, i.ExpiresAt <= now))
            .ToListAsync(cancellationToken);
    }
}

public sealed record UserRow(Guid Id, string DisplayName, string Email, string? Department, bool IsActive, IReadOnlyList<string> Roles);

public sealed record InvitationRow(Guid Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt, bool Expired);

public sealed class InviteInput
{
    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
    public string Email { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}

public sealed class InvitationOptions
{
    public int ValidForDays { get; set; } = 7;
}

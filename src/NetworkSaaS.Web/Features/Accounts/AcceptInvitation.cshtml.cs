using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts;

public sealed class AcceptInvitationModel(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ITenantContextAccessor tenantContext,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public AcceptInvitationInput Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Invitation = await FindOpenInvitationAsync(cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Invitation = await FindOpenInvitationAsync(cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser
        {
            UserName = Invitation.Email,
            Email = Invitation.Email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            DisplayNameKana = string.IsNullOrWhiteSpace(Input.DisplayNameKana) ? null : Input.DisplayNameKana.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded)
        {
            created = await users.AddToRolesAsync(user, Invitation.Roles.Append(Roles.Employee).Distinct());
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
            }

            return Page();
        }

        Invitation.AcceptedAt = clock.GetUtcNow();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = user.Id,
            Action = AuditActions.InvitationAccepted,
            Subject = Invitation.Email,
            Details = string.Join(", ", Invitation.Roles),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect($"/{tenantContext.Tenant!.Slug}/");
    }

    private async Task<Invitation?> FindOpenInvitationAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token))
        {
            return null;
        }

        var hash = InvitationTokens.Hash(Token);
        var now = clock.GetUtcNow();
        return await db.Invitations.FirstOrDefaultAsync(
            i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
    }
}

public sealed class AcceptInvitationInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string DisplayName { get; set; } = "";

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? DisplayNameKana { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}

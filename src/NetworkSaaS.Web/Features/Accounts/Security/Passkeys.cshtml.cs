using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Passkeys;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>
/// Adds, renames and removes the signed-in user's passkeys (Identity's attestation; the section on the security page
/// posts here). Every handler acts on the signed-in user's own passkeys only.
/// </summary>
public sealed class PasskeysModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    PasskeyList passkeyList,
    AppDbContext db,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? Name { get; set; }

    [BindProperty]
    public string? Id { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => ToSecurityPage();

    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || !ModelState.IsValid)
        {
            return Failed(l["Give the passkey a name of at most 100 characters."]);
        }

        if ((await passkeyList.ForUserAsync(user.Id, cancellationToken)).Count >= PasskeyList.MaxPerUser)
        {
            return Failed(l["You already have {0} passkeys. Remove one first.", PasskeyList.MaxPerUser]);
        }

        if (string.IsNullOrEmpty(CredentialJson))
        {
            return Failed(l["The passkey was not created. Try again."]);
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        }
        catch (InvalidOperationException)
        {
            return Failed(l["The passkey was not created. Try again."]);
        }

        // The options were made for the signed-in user; a different user entity means they came from another session.
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id.ToString())
        {
            return Failed(l["The passkey was not created. Try again."]);
        }

        var passkey = attestation.Passkey;
        passkey.Name = name;
        audit.Record(AuditActions.PasskeyAdded, user.Email!, name);
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            return Failed(l["The passkey was not created. Try again."]);
        }

        TempData["Status"] = l["The passkey {0} was added.", name].Value;
        return ToSecurityPage();
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        var (user, passkey) = await FindOwnPasskeyAsync();
        if (user is null || passkey is null)
        {
            return NotFound();
        }

        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || !ModelState.IsValid)
        {
            return Failed(l["Give the passkey a name of at most 100 characters."]);
        }

        passkey.Name = name;
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            return Failed(l["Something went wrong. Please try again."]);
        }

        TempData["Status"] = l["The passkey was renamed."].Value;
        return ToSecurityPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var (user, passkey) = await FindOwnPasskeyAsync();
        if (user is null || passkey is null)
        {
            return NotFound();
        }

        var result = await users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (!result.Succeeded)
        {
            return Failed(l["Something went wrong. Please try again."]);
        }

        audit.Record(AuditActions.PasskeyRemoved, user.Email!, passkey.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The passkey was removed."].Value;
        return ToSecurityPage();
    }

    private async Task<(AppUser? User, UserPasskeyInfo? Passkey)> FindOwnPasskeyAsync()
    {
        var user = await users.GetUserAsync(User);
        var credentialId = PasskeyList.ParseId(Id);
        return user is null || credentialId is null ? (user, null) : (user, await users.GetPasskeyAsync(user, credentialId));
    }

    private RedirectResult ToSecurityPage() => Redirect($"/{tenantContext.Tenant!.Slug}/account/security");

    private PageResult Failed(string problem)
    {
        Problem = problem;
        return Page();
    }
}

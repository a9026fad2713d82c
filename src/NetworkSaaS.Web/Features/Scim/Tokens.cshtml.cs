using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Scim;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// Creates and revokes the company's SCIM tokens. The forms are in <see cref="ScimTokensSectionViewComponent"/> on
/// the SSO page, which they return to; a new token is shown there once (TempData) and never again.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class TokensModel(
    ScimTokenService tokens,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NewTokenKey = "ScimToken";

    public sealed class CreateInput
    {
        public string? Name { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > ScimToken.NameMaxLength)
        {
            ModelState.AddModelError("Input.Name", l["Name the token after the directory that uses it (up to {0} characters).", ScimToken.NameMaxLength]);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Input.ExpiresOn is { } expires && expires <= today)
        {
            ModelState.AddModelError("Input.ExpiresOn", l["The expiry date must be in the future."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var expiresAt = Input.ExpiresOn is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var userId = Guid.TryParse(users.GetUserId(User), out var id) ? id : (Guid?)null;
        var (_, secret) = await tokens.CreateAsync(name, expiresAt, userId, cancellationToken);
        TempData[NewTokenKey] = secret;
        TempData["Status"] = l["SCIM token {0} was created. Copy it now: it is not shown again.", name].Value;
        return Redirect(SsoPage);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["The SCIM token was revoked. The directory using it can no longer provision."].Value;
        return Redirect(SsoPage);
    }

    private string SsoPage => $"/{tenantContext.Tenant!.Slug}/admin/sso#scim";
}

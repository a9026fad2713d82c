using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Api.Tokens;

/// <summary>
/// The company's tokens for system integrations (CRM, HR system): each acts as a named integration with the HR or
/// Admin role and has no contacts of its own. HR and Admins manage them; only an Admin may create one with the Admin role.
/// </summary>
[Authorize(Roles = Roles.HR + "," + Roles.Admin)]
public sealed class CompanyModel(ApiTokenService tokens, UserManager<AppUser> users, ITenantContextAccessor tenantContext, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ApiTokenForm Input { get; set; } = new() { Role = Roles.HR };

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();
    public string Slug => tenantContext.Tenant!.Slug;

    /// <summary>The roles this user may give a token: never more than their own.</summary>
    public IReadOnlyList<string> GrantableRoles => User.IsInRole(Roles.Admin) ? ApiTokenService.CompanyRoles : [Roles.HR];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NewToken = TempData[PersonalModel.NewTokenKey] as string;
        Tokens = await tokens.CompanyTokensAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Input.Validate(ModelState, l, DateOnly.FromDateTime(Now.UtcDateTime), expiryRequired: false);
        if (Input.Role is null || !GrantableRoles.Contains(Input.Role, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Input.Role", l["The value is not valid."]);
        }

        if (!ModelState.IsValid)
        {
            Tokens = await tokens.CompanyTokensAsync(cancellationToken);
            return Page();
        }

        var (_, secret) = await tokens.CreateCompanyAsync(Input.Name!, Input.Role!, Input.Scopes, Input.ExpiresAt, Guid.Parse(users.GetUserId(User)!), cancellationToken);
        TempData[PersonalModel.NewTokenKey] = secret;
        TempData["Status"] = l["API token {0} was created. Copy it now: it is not shown again.", Input.Name!].Value;
        return Redirect($"/{Slug}/admin/api-tokens");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(id, null, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["The API token was revoked."].Value;
        return Redirect($"/{Slug}/admin/api-tokens");
    }
}

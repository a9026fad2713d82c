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
/// The signed-in user's personal access tokens: create (name, scopes, expiry within a year; the secret is shown once),
/// list with last use, revoke. Any signed-in user; a user sees and revokes only their own.
/// </summary>
public sealed class PersonalModel(ApiTokenService tokens, UserManager<AppUser> users, ITenantContextAccessor tenantContext, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NewTokenKey = "ApiToken";

    [BindProperty]
    public ApiTokenForm Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();
    public string Slug => tenantContext.Tenant!.Slug;
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.ExpiresOn = Today.AddDays(90);
        NewToken = TempData[NewTokenKey] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Input.Validate(ModelState, l, Today, expiryRequired: true);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (_, secret) = await tokens.CreatePersonalAsync(Me, Input.Name!, Input.Scopes, Input.ExpiresAt, cancellationToken);
        TempData[NewTokenKey] = secret;
        TempData["Status"] = l["API token {0} was created. Copy it now: it is not shown again.", Input.Name!].Value;
        return Redirect($"/{Slug}/account/api-tokens");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(id, Me, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["The API token was revoked."].Value;
        return Redirect($"/{Slug}/account/api-tokens");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Tokens = await tokens.PersonalTokensAsync(Me, cancellationToken);
}

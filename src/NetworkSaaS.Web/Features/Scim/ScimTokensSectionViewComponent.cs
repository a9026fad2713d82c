using Microsoft.AspNetCore.Mvc;
using NetworkSaaS.Core.Features.Scim;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>The SSO page's SCIM section: the endpoint URL to copy, the tokens, a create form; forms post to <see cref="TokensModel"/>.</summary>
public sealed class ScimTokensSectionViewComponent(ScimTokenService tokens, EmailOptions email, ITenantContextAccessor tenantContext, TimeProvider clock)
    : ViewComponent
{
    public sealed record Row(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Usable);

    public sealed record Section(string BaseUrl, string? NewToken, IReadOnlyList<Row> Tokens);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var now = clock.GetUtcNow();
        var rows = (await tokens.ListAsync(HttpContext.RequestAborted))
            .Select(t => new Row(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.IsUsableAt(now)))
            .ToList();
        var newToken = TempData[TokensModel.NewTokenKey] as string;
        return View("~/Features/Scim/ScimTokensSection.cshtml",
            new Section(ScimLinks.BaseFor(email, tenantContext.Tenant!.Slug), newToken, rows));
    }
}

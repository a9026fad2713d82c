using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Sso;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>The result of "test connection": the claims the provider sent and what our mapping makes of them.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class TestModel(AppDbContext db) : PageModel
{
    public SsoConnection? Connection { get; private set; }
    public IReadOnlyList<Claim> Claims { get; private set; } = [];
    public SsoClaims? Mapped { get; private set; }

    /// <summary>An unknown id (or another company's) shows "no test result", like an expired one: nothing of it is read.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Connection = await db.SsoConnections.AsNoTracking().Include(c => c.Domains).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Connection is null)
        {
            return Page();
        }

        var external = (await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme)).Principal;
        if (external?.FindFirst(SsoOpenIdConnectEvents.TestedConnectionClaim)?.Value == id.ToString())
        {
            Claims = [.. external.Claims.Where(c => c.Type != SsoOpenIdConnectEvents.TestedConnectionClaim)];
            Mapped = new SsoClaims(Connection, external);
        }

        return Page();
    }
}

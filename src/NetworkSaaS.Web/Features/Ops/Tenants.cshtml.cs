using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>Platform operators' list of companies (the /Ops folder needs a signed-in operator: password and authenticator code).</summary>
public sealed class TenantsModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
}

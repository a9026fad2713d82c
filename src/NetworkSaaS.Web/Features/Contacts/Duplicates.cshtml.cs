using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class DuplicatesModel(DuplicateFinder finder, ContactAccess access, ITenantContextAccessor tenantContext) : PageModel
{
    public IReadOnlyList<DuplicatePair> Pairs { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pairs = await finder.ForOwnerAsync(access.CurrentUserId, cancellationToken);
}

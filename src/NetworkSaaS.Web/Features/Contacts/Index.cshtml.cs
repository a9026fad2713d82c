using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class IndexModel(MyNetworkQuery query, ContactAccess access, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public NetworkFilter Filter { get; set; } = new();

    public NetworkPage Result { get; private set; } = new([], 0, 0, 1, 1);
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Campaigns.CampaignSeason> OpenCampaigns { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter.Page = Paging.PageLinks.Number(Request);
        Today = TenantClock.Today(tenantContext.Tenant!, clock);
        Result = await query.RunAsync(access.CurrentUserId, Filter, Today, cancellationToken);
        OpenCampaigns = Campaigns.SeasonalCalendar.OpenFor(tenantContext.Tenant!, Today);
    }

    public string PageUrl(int page) => Paging.PageLinks.Url(Request, page);
}

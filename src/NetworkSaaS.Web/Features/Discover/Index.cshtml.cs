using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Discover;

public sealed class IndexModel(DiscoverySearch search, AccountCoverage coverage, ColleagueExpertise expertise, ContactAccess access, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    /// <summary>Coverage panels shown for the best-matching companies.</summary>
    public const int CoveragePanels = 3;

    [BindProperty(SupportsGet = true)]
    public DiscoveryCriteria Criteria { get; set; } = new();

    public DiscoveryResult? Result { get; private set; }
    public IReadOnlyList<Coverage> Coverages { get; private set; } = [];

    /// <summary>Colleagues whose profile expertise matches the keywords: people inside the company to ask.</summary>
    public IReadOnlyList<ColleagueExpert> Experts { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Criteria.Page = Paging.PageLinks.Number(Request);
        if (Criteria.IsEmpty)
        {
            return;
        }

        var today = TenantClock.Today(tenantContext.Tenant!, clock);
        Result = await search.SearchAsync(access.CurrentUserId, Criteria, today, cancellationToken);
        Coverages = await coverage.ForAsync([.. Result.OrganizationIds.Take(CoveragePanels)], cancellationToken);
        Experts = await expertise.FindAsync(access.CurrentUserId, Criteria.Keywords, cancellationToken);
    }

    public string PageUrl(int page) => Paging.PageLinks.Url(Request, page);
}

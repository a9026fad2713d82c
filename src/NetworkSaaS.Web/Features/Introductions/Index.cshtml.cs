using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Introductions;

public sealed class IndexModel(IntroductionViews views, ITenantContextAccessor tenantContext) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public IntroductionListView View { get; set; } = IntroductionListView.Mine;

    public IReadOnlyList<IntroductionRow> Rows { get; private set; } = [];
    public bool IsManager => views.IsManager;
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(View))
        {
            View = IntroductionListView.Mine;
        }

        Rows = await views.ListAsync(View, cancellationToken);
    }
}

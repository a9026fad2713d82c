using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Contacts;

public sealed class IndexModel(MyNetworkQuery query, ContactAccess access, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public NetworkFilter Filter { get; set; } = new();

    public NetworkPage Result { get; private set; } = new([], 0, 0, 1, 1);
    public DateOnly Today { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = TenantClock.Today(tenantContext.Tenant!, clock);
        Result = await query.RunAsync(access.CurrentUserId, Filter, Today, cancellationToken);
    }

    private string? _pageUrlPrefix;

    /// <summary>This page's URL with every query parameter kept but <c>page</c>, which comes last.</summary>
    public string PageUrl(int page)
    {
        if (_pageUrlPrefix is null)
        {
            var query = Request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
                .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()));
            var url = QueryHelpers.AddQueryString(Request.Path, query);
            _pageUrlPrefix = url + (url.Contains('?', StringComparison.Ordinal) ? "&page=" : "?page=");
        }

        return _pageUrlPrefix + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

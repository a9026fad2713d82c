using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>Downloads the current user's greeting list (never a colleague's) as a CSV for address labels.</summary>
public sealed class GreetingLabelsFileModel(GreetingLists lists, ContactAccess access, CampaignLabels labels, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        var campaign = kind == "summer" ? SeasonalCampaign.Summer : SeasonalCampaign.NewYear;
        var today = TenantClock.Today(tenant, clock);
        var season = SeasonalCalendar.CurrentOrNext(campaign, today);
        if (!tenant.IsEnabled(campaign) || !season.IsOpenOn(today))
        {
            return NotFound();
        }

        var list = await lists.ForOwnerAsync(access.CurrentUserId, season, cancellationToken);
        var name = campaign == SeasonalCampaign.NewYear ? "new-year-cards" : "summer-greetings";
        return File(GreetingLabelsCsv.Write(labels.CsvHeader, list.Labels), "text/csv; charset=utf-8",
            $"{name}-{season.Season.ToString(System.Globalization.CultureInfo.InvariantCulture)}.csv");
    }
}

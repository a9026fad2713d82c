using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>
/// The current user's New Year (年賀状) or summer (暑中見舞い) list for the season open now in the company's time zone:
/// on the list, in mourning (喪中, New Year only), excluded, and their other contacts; include, exclude, mark sent.
/// </summary>
public sealed class GreetingsModel(
    GreetingLists lists,
    ContactAccess access,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    private DateOnly? _today;
    private CampaignSeason? _season;

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public GreetingPlace View { get; set; } = GreetingPlace.OnList;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page of the list (<see cref="Paging.PageLinks.Number"/>).</summary>
    public int PageNumber
    {
        get => _pageNumber ??= Paging.PageLinks.Number(Request);
        private set => _pageNumber = value;
    }

    private int? _pageNumber;

    public SeasonalCampaign Campaign => Kind == "summer" ? SeasonalCampaign.Summer : SeasonalCampaign.NewYear;
    public bool Enabled => tenantContext.Tenant!.IsEnabled(Campaign);
    public DateOnly Today => _today ??= TenantClock.Today(tenantContext.Tenant!, clock);

    /// <summary>The season open today in the company's time zone, else the next one.</summary>
    public CampaignSeason Season => _season ??= SeasonalCalendar.CurrentOrNext(Campaign, Today);
    public bool IsOpen => Enabled && Season.IsOpenOn(Today);
    public GreetingList? List { get; private set; }
    public IReadOnlyList<GreetingRow> Shown { get; private set; } = [];
    public int Pages { get; private set; } = 1;
    public string Slug => tenantContext.Tenant!.Slug;

    public IReadOnlyList<GreetingPlace> Views =>
        Campaign == SeasonalCampaign.NewYear
            ? [GreetingPlace.OnList, GreetingPlace.Mourning, GreetingPlace.Excluded, GreetingPlace.Other]
            : [GreetingPlace.OnList, GreetingPlace.Excluded, GreetingPlace.Other];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return Page();
        }

        if (!Views.Contains(View))
        {
            View = GreetingPlace.OnList;
        }

        List = await lists.ForOwnerAsync(access.CurrentUserId, Season, cancellationToken);
        var rows = List.In(View);
        if (View == GreetingPlace.Other && !string.IsNullOrWhiteSpace(Q))
        {
            rows = [.. rows.Where(r => Matches(r, Q))];
        }

        Pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Shown = [.. rows.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public Task<IActionResult> OnPostIncludeAsync(Guid contactId, CancellationToken cancellationToken) =>
        ActAsync(() => lists.SetInclusionAsync(access.CurrentUserId, contactId, Season, GreetingInclusion.Included, cancellationToken), l["Added to the list."]);

    public Task<IActionResult> OnPostExcludeAsync(Guid contactId, CancellationToken cancellationToken) =>
        ActAsync(() => lists.SetInclusionAsync(access.CurrentUserId, contactId, Season, GreetingInclusion.Excluded, cancellationToken), l["Taken off the list."]);

    public Task<IActionResult> OnPostMourningAsync(Guid contactId, CancellationToken cancellationToken) =>
        Campaign == SeasonalCampaign.NewYear
            ? ActAsync(() => lists.SetMourningAsync(access.CurrentUserId, contactId, Season, true, cancellationToken), l["Marked as in mourning (喪中) this season: no New Year card."])
            : Task.FromResult<IActionResult>(NotFound());

    public Task<IActionResult> OnPostEndMourningAsync(Guid contactId, CancellationToken cancellationToken) =>
        Campaign == SeasonalCampaign.NewYear
            ? ActAsync(() => lists.SetMourningAsync(access.CurrentUserId, contactId, Season, false, cancellationToken), l["No longer marked as in mourning."])
            : Task.FromResult<IActionResult>(NotFound());

    public Task<IActionResult> OnPostSentAsync(Guid contactId, CancellationToken cancellationToken) =>
        ActAsync(async () => await lists.MarkSentAsync(access.CurrentUserId, contactId, Season, Today, cancellationToken) switch
        {
            MarkSentResult.NotFound => false,
            MarkSentResult.AlreadySent => Done(l["This card was already marked as sent."]),
            _ => Done(l["Marked as sent and logged on the contact's timeline."]),
        }, null);

    /// <summary>This page's address with the current view, search and page (another view starts at its first page), and optionally a handler.</summary>
    public string ListUrl(string? handler = null, GreetingPlace? view = null)
    {
        var query = new Dictionary<string, string?>();
        if (handler is not null)
        {
            query["handler"] = handler;
        }

        query["view"] = (view ?? View).ToString();
        if (!string.IsNullOrWhiteSpace(Q) && (view ?? View) == GreetingPlace.Other)
        {
            query["q"] = Q;
        }

        var number = view is null ? PageNumber : 1;
        if (number > 1)
        {
            query["page"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString($"/{Slug}/campaigns/{Kind}", query);
    }

    public string PageUrl(int page) => Paging.PageLinks.Url(Request, page);

    /// <summary>Runs a change on an open list: a contact that is not the user's own is 404; a closed season changes nothing.</summary>
    private async Task<IActionResult> ActAsync(Func<Task<bool>> change, string? done)
    {
        if (!IsOpen)
        {
            TempData["Status"] = l["This list is not open now: nothing was changed."].Value;
            return Redirect(ListUrl());
        }

        if (!await change())
        {
            return NotFound();
        }

        if (done is not null)
        {
            TempData["Status"] = done;
        }

        return Redirect(ListUrl());
    }

    private bool Done(string message)
    {
        TempData["Status"] = message;
        return true;
    }

    /// <summary>Search as on the contact list: width, case and katakana/hiragana folded.</summary>
    private static bool Matches(GreetingRow row, string q) =>
        ContactNames.SearchForm($"{row.Name} {row.Kana} {row.SortKey} {row.Company}").Contains(ContactNames.SearchForm(q), StringComparison.Ordinal);
}

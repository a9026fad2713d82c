using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>The April transfer season (異動): confirm each of the user's contacts' company, department and title, or correct them inline.</summary>
public sealed class TransfersModel(
    TransferChecks checks,
    ContactAccess access,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The page of the list (<see cref="Paging.PageLinks.Number"/>).</summary>
    public int PageNumber
    {
        get => _pageNumber ??= Paging.PageLinks.Number(Request);
        private set => _pageNumber = value;
    }

    private int? _pageNumber;

    private DateOnly? _today;
    private CampaignSeason? _season;

    public bool Enabled => tenantContext.Tenant!.IsEnabled(SeasonalCampaign.TransferSeason);
    public DateOnly Today => _today ??= TenantClock.Today(tenantContext.Tenant!, clock);

    /// <summary>The season open today in the company's time zone, else the next one.</summary>
    public CampaignSeason Season => _season ??= SeasonalCalendar.CurrentOrNext(SeasonalCampaign.TransferSeason, Today);
    public bool IsOpen => Enabled && Season.IsOpenOn(Today);
    public TransferList? List { get; private set; }

    /// <summary>The row whose inline update failed validation, shown again with what was typed.</summary>
    public Guid? FailedContactId { get; private set; }
    public PositionInput Position { get; private set; } = new();
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            List = await checks.ForOwnerAsync(access.CurrentUserId, Season.Season, PageNumber, cancellationToken);
        }

        return Page();
    }

    public Task<IActionResult> OnPostUnchangedAsync(Guid contactId, CancellationToken cancellationToken) =>
        ConfirmAsync(contactId, null, cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var position = new PositionInput();
        await TryUpdateModelAsync(position, nameof(Position));
        if (!ModelState.IsValid)
        {
                if (!IsOpen)
            {
                return Closed();
            }

            List = await checks.ForOwnerAsync(access.CurrentUserId, Season.Season, PageNumber, cancellationToken);
            FailedContactId = contactId;
            Position = position;
            return Page();
        }

        return await ConfirmAsync(contactId, position, cancellationToken);
    }

    public string PostUrl(string handler) => $"{PageUrl(List?.Page ?? PageNumber)}&handler={handler}";

    /// <summary>The page has no filters to keep (unlike <see cref="Paging.PageLinks"/>' lists), and it also renders after a POST.</summary>
    public string PageUrl(int page) => $"/{Slug}/campaigns/transfers?page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task<IActionResult> ConfirmAsync(Guid contactId, PositionInput? position, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return Closed();
        }

        var result = await checks.ConfirmAsync(access.CurrentUserId, contactId, Season.Season, position, cancellationToken);
        if (result == ConfirmResult.NotFound)
        {
            return NotFound();
        }

        TempData["Status"] = result switch
        {
            ConfirmResult.Updated => l["Updated and confirmed for this year."].Value,
            ConfirmResult.Unchanged => l["Confirmed for this year: no change."].Value,
            _ => l["This contact was already confirmed this year."].Value,
        };
        return Redirect(PageUrl(PageNumber));
    }

    private RedirectResult Closed()
    {
        TempData["Status"] = l["This list is not open now: nothing was changed."].Value;
        return Redirect($"/{Slug}/campaigns/transfers");
    }
}

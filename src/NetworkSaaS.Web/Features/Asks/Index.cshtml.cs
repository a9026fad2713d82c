using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>The asks board: open asks newest first (filtered by purpose, paged) and the open positions HR posted.</summary>
public sealed class IndexModel(AskBoard board, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "purpose")]
    public IntroductionPurpose? Purpose { get; set; }

    /// <summary>The page of the list (<see cref="Paging.PageLinks.Number"/>).</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<AskRow> Positions { get; private set; } = [];
    public IReadOnlyList<AskRow> Asks { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; } = 1;
    public DateTimeOffset Now { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        PageNumber = Paging.PageLinks.Number(Request);
        if (Purpose is { } purpose && !Enum.IsDefined(purpose))
        {
            Purpose = null;
        }

        Positions = await board.Project(AskBoard.NewestFirst(board.Open(Purpose, positions: true))).ToListAsync(cancellationToken);
        var asks = board.Open(Purpose, positions: false);
        Total = await asks.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + AskRules.PageSize - 1) / AskRules.PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Asks = await board.Project(AskBoard.NewestFirst(asks).Skip((PageNumber - 1) * AskRules.PageSize).Take(AskRules.PageSize)).ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) => Paging.PageLinks.Url(Request, page);
}

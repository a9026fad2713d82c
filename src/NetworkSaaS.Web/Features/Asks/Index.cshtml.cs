using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>The asks board: open asks newest first (filtered by purpose, paged) and the open positions HR posted.</summary>
public sealed class IndexModel(AppDbContext db, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    public sealed record Row(
        Guid Id, IntroductionPurpose Purpose, string Title, string? AuthorName, string? CompanyName, string? DepartmentName,
        string? RewardNote, DateTimeOffset CreatedAt, int Answers);

    [BindProperty(SupportsGet = true, Name = "purpose")]
    public IntroductionPurpose? Purpose { get; set; }

    /// <summary>The page of the list (<see cref="Paging.PageLinks.Number"/>).</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<Row> Positions { get; private set; } = [];
    public IReadOnlyList<Row> Asks { get; private set; } = [];
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

        var open = db.Asks.AsNoTracking().Where(a => a.State == AskState.Open);
        if (Purpose is { } wanted)
        {
            open = open.Where(a => a.Purpose == wanted);
        }

        Positions = await Project(open.Where(a => a.IsPosition).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id))
            .ToListAsync(cancellationToken);

        var asks = open.Where(a => !a.IsPosition);
        Total = await asks.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + AskRules.PageSize - 1) / AskRules.PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Asks = await Project(asks.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
                .Skip((PageNumber - 1) * AskRules.PageSize).Take(AskRules.PageSize))
            .ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) => Paging.PageLinks.Url(Request, page);

    private IQueryable<Row> Project(IQueryable<Ask> asks) => asks.Select(a => new Row(
        a.Id,
        a.Purpose,
        a.Title,
        db.Users.Where(u => u.Id == a.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
        a.CompanyName,
        db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault(),
        a.RewardNote,
        a.CreatedAt,
        db.IntroductionRequests.Count(r => r.AskId == a.Id)));
}

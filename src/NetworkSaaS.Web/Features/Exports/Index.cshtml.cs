using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Exports.HrReview;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// /{tenant}/exports: everyone exports their own contacts; HR and Admin also the HR review workbook and the company's
/// Shared contacts. Every export runs as a job; the page shows the user's own exports (progress, cancel, download).
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    ExportRequests exports,
    ExportAccess access,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int HistoryShown = 50;

    /// <summary>The longest evaluation period one workbook covers.</summary>
    public const int MaxPeriodDays = 731;

    [BindProperty]
    public HrReviewInput Review { get; set; } = new();

    public IReadOnlyList<ExportRequest> History { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> DepartmentNames => Departments.ToDictionary(d => d.Id, d => d.Name);
    /// <summary>HR or Admin now (read from the database, see <see cref="ExportAccess"/>).</summary>
    public bool ForHr { get; private set; }
    public bool AnyInProgress => History.Any(e => e.IsActive);
    public DateTimeOffset Now => clock.GetUtcNow();
    public string Slug => tenantContext.Tenant!.Slug;

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    /// <summary>An instant as the company's wall-clock time.</summary>
    public string Local(DateTimeOffset? instant)
    {
        if (instant is not { } value)
        {
            return "";
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenantContext.Tenant!.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = TenantClock.Today(tenantContext.Tenant!, clock);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        Review = new HrReviewInput { From = firstOfMonth.AddMonths(-6), To = firstOfMonth.AddDays(-1), Columns = [.. HrReviewColumns.All] };
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostMyContactsAsync(ExportFormat format, CancellationToken cancellationToken) =>
        StartAsync(new ExportRequest { OwnerId = Me, Kind = ExportKind.MyContacts, Format = format }, cancellationToken);

    public async Task<IActionResult> OnPostCompanyContactsAsync(ExportFormat format, CancellationToken cancellationToken) =>
        await access.IsHrAsync(Me, cancellationToken)
            ? await StartAsync(new ExportRequest { OwnerId = Me, Kind = ExportKind.CompanyContacts, Format = format }, cancellationToken)
            : Forbid();

    public async Task<IActionResult> OnPostHrReviewAsync(CancellationToken cancellationToken)
    {
        if (!await access.IsHrAsync(Me, cancellationToken))
        {
            return Forbid();
        }

        var columns = Review.Columns.Distinct(StringComparer.Ordinal).ToList();
        if (Review.From is not { } from || Review.To is not { } to || to < from || to.DayNumber - from.DayNumber >= MaxPeriodDays)
        {
            ModelState.AddModelError("Review.To", l["Choose a period of up to two years whose end is not before its start."]);
        }

        if (columns.Count == 0 || !columns.All(HrReviewColumns.IsKnown))
        {
            ModelState.AddModelError("Review.Columns", l["Choose at least one column."]);
        }

        if (Review.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            ModelState.AddModelError("Review.DepartmentId", l["Choose a department from the list."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await StartAsync(new ExportRequest
        {
            OwnerId = Me,
            Kind = ExportKind.HrReview,
            Format = ExportFormat.Xlsx,
            PeriodFrom = Review.From,
            PeriodTo = Review.To,
            DepartmentId = Review.DepartmentId,
            Columns = columns,
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var cancelled = await exports.CancelAsync(Me, exportId, cancellationToken);
        if (cancelled is null)
        {
            return NotFound();
        }

        TempData["Status"] = cancelled.Value ? l["The export was cancelled."].Value : l["This export had already ended."].Value;
        return Redirect($"/{Slug}/exports");
    }

    private async Task<IActionResult> StartAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Format))
        {
            return BadRequest();
        }

        TempData["Status"] = await exports.StartAsync(request, cancellationToken)
            ? l["Your export was queued. You will be notified when it is ready."].Value
            : l["An export of this kind is already in progress. Wait for it or cancel it first."].Value;
        return Redirect($"/{Slug}/exports");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        ForHr = await access.IsHrAsync(me, cancellationToken);
        History = await (await access.VisibleToAsync(me, cancellationToken))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(HistoryShown)
            .ToListAsync(cancellationToken);
        Departments = [.. (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken)).Select(d => (d.Id, d.Name))];
    }
}

public sealed class HrReviewInput
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? DepartmentId { get; set; }
    public List<string> Columns { get; set; } = [];
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Asks;

public sealed class CreateModel(
    AppDbContext db,
    ContactAccess access,
    AskBoard board,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AskInput Input { get; set; } = new();

    public bool ManagesPositions => AskRules.ManagesPositions(User);
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    /// <param name="purpose">and <paramref name="title"/> prefill the form (discover links "post an advisor ask" with the topic).</param>
    public async Task OnGetAsync(IntroductionPurpose? purpose, string? title, CancellationToken cancellationToken)
    {
        if (purpose is { } chosen && Enum.IsDefined(chosen))
        {
            Input.Purpose = chosen;
        }

        if (!string.IsNullOrWhiteSpace(title))
        {
            var trimmed = title.Trim();
            Input.Title = trimmed.Length > 200 ? trimmed[..200] : trimmed;
        }

        await LoadDepartmentsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await board.PostAsync(access.CurrentUserId, User, Input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Status"] = l["Your ask was posted."].Value;
                return Redirect($"/{Slug}/asks/{result.Ask!.Id}");
            }

            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }
        }

        await LoadDepartmentsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken)
    {
        if (!ManagesPositions)
        {
            return;
        }

        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString())).ToListAsync(cancellationToken);
    }
}

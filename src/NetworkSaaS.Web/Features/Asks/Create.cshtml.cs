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
    OrganizationDirectory organizations,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    Webhooks.WebhookEvents webhooks,
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
        if (!ManagesPositions)
        {
            // Only HR and Admin post open positions; whatever else arrives in these fields is ignored.
            Input.IsPosition = false;
            Input.DepartmentId = null;
            Input.RewardNote = null;
        }

        if (!Enum.IsDefined(Input.Purpose))
        {
            ModelState.AddModelError("Input.Purpose", l["The value is not valid."]);
        }

        if (Input.IsPosition && Input.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            ModelState.AddModelError("Input.DepartmentId", l["Choose a department from the list."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        var organization = await organizations.ResolveAsync(Clean(Input.CompanyName), [], cancellationToken);
        var ask = new Ask
        {
            AuthorId = access.CurrentUserId,
            // An open position is a referral-hire ask by definition.
            Purpose = Input.IsPosition ? IntroductionPurpose.ReferralHire : Input.Purpose,
            Title = Input.Title.Trim(),
            Details = Clean(Input.Details),
            CompanyName = Clean(Input.CompanyName),
            OrganizationId = organization?.Id,
            IsPosition = Input.IsPosition,
            DepartmentId = Input.IsPosition ? Input.DepartmentId : null,
            RewardNote = Input.IsPosition ? Clean(Input.RewardNote) : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Asks.Add(ask);
        await webhooks.RaiseAsync(Core.Features.Webhooks.WebhookEventTypes.AskPosted, Webhooks.WebhookPayloads.Ask(ask), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Your ask was posted."].Value;
        return Redirect($"/{Slug}/asks/{ask.Id}");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class SettingsModel(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TenantStore tenants,
    AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    // Two forms on one page: each handler binds only its own fields.
    public CompanySettingsInput Input { get; set; } = new();

    public string? NewDepartment { get; set; }

    private const int MaxDepartmentName = 100;

    public string Slug => tenantContext.Tenant!.Slug;
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public IEnumerable<SelectListItem> TimeZones => TimeZoneChoices.Items(Input.TimeZoneId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        Input = CompanySettingsInput.From(tenant);
        await LoadDepartmentsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Input, nameof(Input));
        if (!SupportedCultures.IsSupported(Input.DefaultCulture))
        {
            ModelState.AddModelError("Input.DefaultCulture", l["Choose Japanese or English."]);
        }

        if (!TimeZoneChoices.IsKnown(Input.TimeZoneId))
        {
            ModelState.AddModelError("Input.TimeZoneId", l["Choose a time zone from the list."]);
        }

        if (!Enum.IsDefined(Input.DefaultContactVisibility))
        {
            ModelState.AddModelError("Input.DefaultContactVisibility", l["The value is not valid."]);
        }

        if (!FiscalYearStart.IsValid(Input.FiscalYearStartMonth))
        {
            ModelState.AddModelError("Input.FiscalYearStartMonth", l["The value is not valid."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        var before = Summary(tenant);
        tenant.Name = Input.Name.Trim();
        tenant.DefaultCulture = Input.DefaultCulture;
        tenant.TimeZoneId = Input.TimeZoneId;
        tenant.DefaultContactVisibility = Input.DefaultContactVisibility;
        tenant.FiscalYearStartMonth = Input.FiscalYearStartMonth;
        audit.Record(AuditActions.SettingsChanged, tenant.Slug, $"{before} → {Summary(tenant)}");
        await db.SaveChangesAsync(cancellationToken);
        tenants.Forget(tenant);
        TempData["Status"] = l["The company settings were saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddDepartmentAsync(string? newDepartment, CancellationToken cancellationToken)
    {
        NewDepartment = newDepartment;
        var name = newDepartment?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError(nameof(NewDepartment), l["This field is required."]);
        }
        else if (name.Length > MaxDepartmentName)
        {
            ModelState.AddModelError(nameof(NewDepartment), l["Department names can have at most {0} characters.", MaxDepartmentName]);
        }
        else if (await db.Departments.AnyAsync(d => d.Name == name, cancellationToken))
        {
            ModelState.AddModelError(nameof(NewDepartment), l["This department already exists."]);
        }

        if (!ModelState.IsValid)
        {
            var tenant = tenantContext.Tenant!;
            Input = CompanySettingsInput.From(tenant);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        var order = await db.Departments.MaxAsync(d => (int?)d.SortOrder, cancellationToken) ?? -1;
        db.Departments.Add(new Department { Name = name, SortOrder = order + 1 });
        audit.Record(AuditActions.DepartmentAdded, name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Department {0} was added.", name].Value;
        return RedirectToPage();
    }

    private static string Summary(Tenant tenant) =>
        $"{tenant.Name} | {tenant.DefaultCulture} | {tenant.TimeZoneId} | {tenant.DefaultContactVisibility} | FY {tenant.FiscalYearStartMonth}";

    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken) =>
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => d.Name).ToListAsync(cancellationToken);
}

public sealed class CompanySettingsInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string Name { get; set; } = "";

    public string DefaultCulture { get; set; } = "ja";

    public string TimeZoneId { get; set; } = "Asia/Tokyo";

    public ContactVisibility DefaultContactVisibility { get; set; }

    /// <summary>The month (1–12) the fiscal year starts in; reports group by it.</summary>
    public int FiscalYearStartMonth { get; set; } = FiscalYearStart.DefaultMonth;

    public static CompanySettingsInput From(ITenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new CompanySettingsInput
        {
            Name = tenant.Name, DefaultCulture = tenant.DefaultCulture, TimeZoneId = tenant.TimeZoneId,
            DefaultContactVisibility = tenant.DefaultContactVisibility, FiscalYearStartMonth = tenant.FiscalYearStartMonth,
        };
    }
}

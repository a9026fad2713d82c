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
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Privacy;
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

    public ReminderSettingsInput Reminders { get; set; } = new();

    public CampaignSettingsInput Campaigns { get; set; } = new();

    public NetworkSaaS.Web.Features.Privacy.PrivacySettings PrivacyRequests { get; private set; } = new(PrivacyHandlers.AdminAndHR, PrivacyRequestDefaults.DueDays);

    private const int MaxDepartmentName = 100;

    public string Slug => tenantContext.Tenant!.Slug;
    public MfaPolicy MfaPolicy => tenantContext.Tenant!.MfaPolicy;
    public Core.Features.Handover.LeaverPrivateContactPolicy LeaverPolicy { get; private set; } = Core.Features.Handover.LeaverPrivateContactPolicy.DeleteAfterDays;
    public int LeaverDays { get; private set; } = Core.Features.Handover.LeaverPrivateContactDefaults.Days;
    public ITenantInfo Tenant => tenantContext.Tenant!;
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public IEnumerable<SelectListItem> TimeZones => TimeZoneChoices.Items(Input.TimeZoneId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        Input = CompanySettingsInput.From(tenant);
        Campaigns = CampaignSettingsInput.Of(tenant);
        await LoadDepartmentsAsync(cancellationToken);
        await LoadRemindersAsync(cancellationToken);
        var leaver = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id)
            .Select(t => new { t.LeaverPrivateContacts, t.LeaverPrivateContactDays }).SingleAsync(cancellationToken);
        (LeaverPolicy, LeaverDays) = (leaver.LeaverPrivateContacts, leaver.LeaverPrivateContactDays);
    }

    /// <summary>Who handles requests from people in the network about their data, and the default period to answer them.</summary>
    public async Task<IActionResult> OnPostPrivacyAsync(PrivacyHandlers privacyHandlers, int privacyDueDays, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(privacyHandlers) || !PrivacyRequestDefaults.IsValidDueDays(privacyDueDays))
        {
            return BadRequest();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        audit.Record(AuditActions.PrivacySettingsChanged, tenant.Slug,
            $"{tenant.PrivacyRequestHandlers}, {tenant.PrivacyRequestDueDays} days → {privacyHandlers}, {privacyDueDays} days");
        tenant.PrivacyRequestHandlers = privacyHandlers;
        tenant.PrivacyRequestDueDays = privacyDueDays;
        await db.SaveChangesAsync(cancellationToken);
        tenants.Forget(tenant);
        TempData["Status"] = l["The privacy request settings were saved."].Value;
        return RedirectToPage();
    }

    /// <summary>Who must have a second factor (see <see cref="MfaPolicy"/>); covered users without one are led to enroll.</summary>
    public async Task<IActionResult> OnPostMfaPolicyAsync(MfaPolicy mfaPolicy, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(mfaPolicy))
        {
            return BadRequest();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        if (tenant.MfaPolicy != mfaPolicy)
        {
            audit.Record(AuditActions.MfaPolicyChanged, tenant.Slug, $"{tenant.MfaPolicy} → {mfaPolicy}");
            tenant.MfaPolicy = mfaPolicy;
            await db.SaveChangesAsync(cancellationToken);
            tenants.Forget(tenant);
        }

        TempData["Status"] = l["The sign-in policy was saved."].Value;
        return RedirectToPage();
    }

    /// <summary>What happens to a leaver's Private contacts they did not decide about (see Features/Handover).</summary>
    public async Task<IActionResult> OnPostLeaverPolicyAsync(
        Core.Features.Handover.LeaverPrivateContactPolicy leaverPolicy, int leaverDays, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(leaverPolicy) || leaverDays is < 1 or > Core.Features.Handover.LeaverPrivateContactDefaults.MaxDays)
        {
            return BadRequest();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        if (tenant.LeaverPrivateContacts != leaverPolicy || tenant.LeaverPrivateContactDays != leaverDays)
        {
            audit.Record(AuditActions.LeaverPolicyChanged, tenant.Slug,
                $"{tenant.LeaverPrivateContacts} {tenant.LeaverPrivateContactDays} → {leaverPolicy} {leaverDays}");
            tenant.LeaverPrivateContacts = leaverPolicy;
            tenant.LeaverPrivateContactDays = leaverDays;
            await db.SaveChangesAsync(cancellationToken);
            tenants.Forget(tenant);
        }

        TempData["Status"] = l["The offboarding policy was saved."].Value;
        return RedirectToPage();
    }

    /// <summary>Visibility and depth of the contacts imports create, apart from the default of contacts added by hand.</summary>
    public async Task<IActionResult> OnPostImportDefaultsAsync(ContactVisibility importedVisibility, int importedDepth, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(importedVisibility) || !RelationshipDepth.IsValid(importedDepth))
        {
            return BadRequest();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        audit.Record(AuditActions.SettingsChanged, tenant.Slug,
            $"imported contacts: {tenant.ImportedContactVisibility}, depth {tenant.ImportedContactDepth} → {importedVisibility}, depth {importedDepth}");
        tenant.ImportedContactVisibility = importedVisibility;
        tenant.ImportedContactDepth = importedDepth;
        await db.SaveChangesAsync(cancellationToken);
        tenants.Forget(tenant);
        TempData["Status"] = l["The defaults of imported contacts were saved."].Value;
        return RedirectToPage();
    }

    /// <summary>Turns the seasonal campaigns (年賀状, 暑中見舞い, 異動) on or off for the whole company.</summary>
    public async Task<IActionResult> OnPostCampaignsAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Campaigns, nameof(Campaigns));
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        var before = CampaignSettingsInput.Of(tenant).Describe();
        tenant.NewYearGreetingsEnabled = Campaigns.NewYear;
        tenant.SummerGreetingsEnabled = Campaigns.Summer;
        tenant.TransferSeasonCheckEnabled = Campaigns.TransferSeason;
        audit.Record(AuditActions.SettingsChanged, tenant.Slug, $"{before} → {Campaigns.Describe()}");
        await db.SaveChangesAsync(cancellationToken);
        tenants.Forget(tenant);
        TempData["Status"] = l["The seasonal campaigns were saved."].Value;
        return RedirectToPage();
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
            Campaigns = CampaignSettingsInput.Of(tenantContext.Tenant!);
            await LoadDepartmentsAsync(cancellationToken);
            await LoadRemindersAsync(cancellationToken);
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
            Campaigns = CampaignSettingsInput.Of(tenant);
            await LoadDepartmentsAsync(cancellationToken);
            await LoadRemindersAsync(cancellationToken);
            return Page();
        }

        var order = await db.Departments.MaxAsync(d => (int?)d.SortOrder, cancellationToken) ?? -1;
        db.Departments.Add(new Department { Name = name, SortOrder = order + 1 });
        audit.Record(AuditActions.DepartmentAdded, name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Department {0} was added.", name].Value;
        return RedirectToPage();
    }

    /// <summary>The introduction reminder periods and the company holidays that working days skip.</summary>
    public async Task<IActionResult> OnPostRemindersAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Reminders, nameof(Reminders));
        var holidays = CompanyHolidayList.Parse(Reminders.Holidays);
        foreach (var (line, problem) in holidays.Problems)
        {
            ModelState.AddModelError("Reminders.Holidays", problem switch
            {
                CompanyHolidayList.Problem.NameTooLong => l["Line {0}: the name can have at most {1} characters.", line, CompanyHoliday.MaxNameLength],
                _ => l["Line {0}: start with a date written as yyyy-MM-dd, optionally followed by a name.", line],
            });
        }

        if (holidays.Days.Count > CompanyHolidayList.MaxDays)
        {
            ModelState.AddModelError("Reminders.Holidays", l["List at most {0} holidays.", CompanyHolidayList.MaxDays]);
        }

        if (!ModelState.IsValid)
        {
            var current = tenantContext.Tenant!;
            Input = CompanySettingsInput.From(current);
            await LoadDepartmentsAsync(cancellationToken);
            return Page();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantContext.Tenant!.Id, cancellationToken);
        var existing = await db.CompanyHolidays.ToListAsync(cancellationToken);
        var before = $"{tenant.NudgeAfterWorkingDays} | {tenant.EscalateAfterWorkingDays} | {tenant.OutcomePromptAfterDays} | {existing.Count}";
        tenant.NudgeAfterWorkingDays = Reminders.NudgeAfterWorkingDays;
        tenant.EscalateAfterWorkingDays = Reminders.EscalateAfterWorkingDays;
        tenant.OutcomePromptAfterDays = Reminders.OutcomePromptAfterDays;
        db.CompanyHolidays.RemoveRange(existing.Where(h => !holidays.Days.ContainsKey(h.Day)));
        foreach (var (day, name) in holidays.Days)
        {
            if (existing.FirstOrDefault(h => h.Day == day) is { } kept)
            {
                kept.Name = name;
            }
            else
            {
                db.CompanyHolidays.Add(new CompanyHoliday { Day = day, Name = name });
            }
        }

        audit.Record(AuditActions.SettingsChanged, tenant.Slug,
            $"introduction reminders: {before} → {tenant.NudgeAfterWorkingDays} | {tenant.EscalateAfterWorkingDays} | {tenant.OutcomePromptAfterDays} | {holidays.Days.Count}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The introduction reminder settings were saved."].Value;
        return RedirectToPage();
    }

    private async Task LoadRemindersAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenantContext.Tenant!.Id;
        var periods = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.NudgeAfterWorkingDays, t.EscalateAfterWorkingDays, t.OutcomePromptAfterDays })
            .SingleAsync(cancellationToken);
        var holidays = await db.CompanyHolidays.AsNoTracking().OrderBy(h => h.Day).ToListAsync(cancellationToken);
        Reminders = new ReminderSettingsInput
        {
            NudgeAfterWorkingDays = periods.NudgeAfterWorkingDays,
            EscalateAfterWorkingDays = periods.EscalateAfterWorkingDays,
            OutcomePromptAfterDays = periods.OutcomePromptAfterDays,
            Holidays = CompanyHolidayList.Format(holidays),
        };
    }

    private static string Summary(Tenant tenant) =>
        $"{tenant.Name} | {tenant.DefaultCulture} | {tenant.TimeZoneId} | {tenant.DefaultContactVisibility} | FY {tenant.FiscalYearStartMonth}";

    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken)
    {
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => d.Name).ToListAsync(cancellationToken);
        var tenantId = tenantContext.Tenant!.Id;
        PrivacyRequests = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new NetworkSaaS.Web.Features.Privacy.PrivacySettings(t.PrivacyRequestHandlers, t.PrivacyRequestDueDays)).SingleAsync(cancellationToken);
    }
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

public sealed class ReminderSettingsInput
{
    [Range(1, IntroductionSlaDefaults.MaxWorkingDays, ErrorMessage = "Choose a number from {1} to {2}.")]
    public int NudgeAfterWorkingDays { get; set; } = IntroductionSlaDefaults.NudgeAfterWorkingDays;

    [Range(1, IntroductionSlaDefaults.MaxWorkingDays, ErrorMessage = "Choose a number from {1} to {2}.")]
    public int EscalateAfterWorkingDays { get; set; } = IntroductionSlaDefaults.EscalateAfterWorkingDays;

    [Range(1, IntroductionSlaDefaults.MaxOutcomePromptDays, ErrorMessage = "Choose a number from {1} to {2}.")]
    public int OutcomePromptAfterDays { get; set; } = IntroductionSlaDefaults.OutcomePromptAfterDays;

    /// <summary>One holiday per line: a date (yyyy-MM-dd), then optionally its name.</summary>
    public string? Holidays { get; set; }
}

/// <summary>The seasonal campaigns switched on for the company (see <see cref="CampaignSettings"/> for the defaults).</summary>
public sealed class CampaignSettingsInput
{
    public bool NewYear { get; set; }

    public bool Summer { get; set; }

    public bool TransferSeason { get; set; }

    public static CampaignSettingsInput Of(ITenantInfo tenant) => new()
    {
        NewYear = tenant.IsEnabled(SeasonalCampaign.NewYear),
        Summer = tenant.IsEnabled(SeasonalCampaign.Summer),
        TransferSeason = tenant.IsEnabled(SeasonalCampaign.TransferSeason),
    };

    /// <summary>For the audit log: stable codes, not localized text.</summary>
    public string Describe() =>
        $"campaigns: new-year {(NewYear ? "on" : "off")}, summer {(Summer ? "on" : "off")}, transfer-season {(TransferSeason ? "on" : "off")}";
}

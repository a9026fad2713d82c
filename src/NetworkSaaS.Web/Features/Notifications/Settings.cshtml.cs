using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>The signed-in user's own notification settings: when the stay-in-touch digest comes, and which notifications also come by email.</summary>
public sealed class SettingsModel(
    NotificationSettingsStore store,
    UserManager<AppUser> users,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NotificationSettingsInput Input { get; set; } = new();

    public string Slug => tenantContext.Tenant!.Slug;
    public string TimeZoneId => tenantContext.Tenant!.TimeZoneId;

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await store.ReadAsync(Me, cancellationToken);
        Input = new NotificationSettingsInput
        {
            DigestFrequency = settings.DigestFrequency,
            DigestDay = settings.DigestDay,
            DigestHour = settings.DigestHour,
            DigestByEmail = settings.DigestByEmail,
            IntroductionsByEmail = settings.IntroductionsByEmail,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Input.DigestFrequency))
        {
            ModelState.AddModelError("Input.DigestFrequency", l["The value is not valid."]);
        }

        if (!Enum.IsDefined(Input.DigestDay))
        {
            ModelState.AddModelError("Input.DigestDay", l["The value is not valid."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await store.UpdateAsync(Me, settings =>
        {
            settings.DigestFrequency = Input.DigestFrequency;
            settings.DigestDay = Input.DigestDay;
            settings.DigestHour = Input.DigestHour;
            settings.DigestByEmail = Input.DigestByEmail;
            settings.IntroductionsByEmail = Input.IntroductionsByEmail;
        }, cancellationToken);
        TempData["Status"] = l["Your notification settings were saved."].Value;
        return Redirect($"/{Slug}/notifications/settings");
    }
}

public sealed class NotificationSettingsInput
{
    public DigestFrequency DigestFrequency { get; set; } = DigestFrequency.Daily;

    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    [Range(0, 23, ErrorMessage = "Choose an hour from {1} to {2}.")]
    public int DigestHour { get; set; } = NotificationSettings.DefaultHour;

    public bool DigestByEmail { get; set; } = true;

    public bool IntroductionsByEmail { get; set; } = true;
}

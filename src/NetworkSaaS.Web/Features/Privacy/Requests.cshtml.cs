using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>/{tenant}/privacy/requests: log a request from a person in the network; open requests stay listed, soonest due first, until closed.</summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.HR}")]
public sealed class RequestsModel(
    AppDbContext db,
    PrivacyAccess access,
    UserManager<AppUser> users,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PrivacyPageModel(access, users)
{
    public const int ClosedShown = 50;

    [BindProperty]
    public PrivacyRequestInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Closed { get; set; }

    public IReadOnlyList<PrivacyRequest> Requests { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public int DueDays { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new PrivacyRequestInput { ReceivedOn = Today, Kind = PrivacyRequestKind.Disclosure };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var reference = Input.Reference?.Trim();
        if (string.IsNullOrWhiteSpace(Input.PersonName) && string.IsNullOrWhiteSpace(Input.PersonEmail) && string.IsNullOrWhiteSpace(Input.PersonPhone))
        {
            ModelState.AddModelError("Input.PersonName", l["Give at least the person's name, email or phone."]);
        }

        if (!Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", l["The value is not valid."]);
        }

        if (Input.ReceivedOn is { } received && received > Today)
        {
            ModelState.AddModelError("Input.ReceivedOn", l["The day received cannot be in the future."]);
        }

        if (Input.DueOn is { } due && Input.ReceivedOn is { } from && due < from)
        {
            ModelState.AddModelError("Input.DueOn", l["The due date cannot be before the day received."]);
        }

        if (!string.IsNullOrEmpty(reference) && await db.PrivacyRequests.AnyAsync(r => r.Reference == reference, cancellationToken))
        {
            ModelState.AddModelError("Input.Reference", l["Another request already has this reference."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var receivedOn = Input.ReceivedOn ?? Today;
        var request = new PrivacyRequest
        {
            Reference = "",
            PersonName = Clean(Input.PersonName),
            PersonEmail = Clean(Input.PersonEmail),
            PersonPhone = Clean(Input.PersonPhone),
            Kind = Input.Kind,
            ReceivedOn = receivedOn,
            DueOn = Input.DueOn ?? receivedOn.AddDays(DueDays),
            Note = Clean(Input.Note),
            LoggedByUserId = Me,
            CreatedAt = clock.GetUtcNow(),
        };
        request.Reference = string.IsNullOrEmpty(reference) ? PrivacyReferences.For(request) : reference;
        db.PrivacyRequests.Add(request);
        audit.Record(AuditActions.PrivacyRequestLogged, request.Reference,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{request.Kind}, received {request.ReceivedOn:yyyy-MM-dd}, due {request.DueOn:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Request {0} was logged.", request.Reference].Value;
        return Redirect($"/{Slug}/privacy/requests/{request.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = TenantClock.Today(tenantContext.Tenant!, clock);
        DueDays = (await Access.SettingsAsync(cancellationToken)).DueDays;
        Requests = Closed
            ? await db.PrivacyRequests.AsNoTracking().Where(r => r.Status == PrivacyRequestStatus.Closed)
                .OrderByDescending(r => r.ClosedAt).Take(ClosedShown).ToListAsync(cancellationToken)
            : await db.PrivacyRequests.AsNoTracking().Where(r => r.Status == PrivacyRequestStatus.Open)
                .OrderBy(r => r.DueOn).ThenBy(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class PrivacyRequestInput
{
    [System.ComponentModel.DataAnnotations.StringLength(PrivacyRequest.ReferenceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Reference { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(PrivacyRequest.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? PersonName { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(PrivacyRequest.EmailMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? PersonEmail { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(PrivacyRequest.PhoneMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? PersonPhone { get; set; }

    public PrivacyRequestKind Kind { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    /// <summary>Empty: the company's default period after the day received.</summary>
    public DateOnly? DueOn { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(PrivacyRequest.NoteMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Note { get; set; }
}

/// <summary>A reference for a request logged without one: the day received and the start of its id, e.g. PR-20261204-1a2b3c.</summary>
public static class PrivacyReferences
{
    public static string For(PrivacyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PR-{request.ReceivedOn:yyyyMMdd}-{request.Id.ToString("N")[^6..]}");
    }
}

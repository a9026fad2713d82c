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

/// <summary>
/// /{tenant}/privacy/requests/{id}: find the person across every owner's contacts (Private ones included), see every
/// copy with its interactions and introductions, then export, correct, stop use or erase, and close the request.
/// Every search (each opening of this page is one) and every action is audited under the request's reference.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.HR}")]
public sealed class RequestModel(
    AppDbContext db,
    PrivacyAccess access,
    UserManager<AppUser> users,
    PersonSearch search,
    PersonRecords records,
    PersonActions actions,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PrivacyPageModel(access, users)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>What to search by; each one left out of the address is taken from the request.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public PrivacyRequest? Subject { get; private set; }
    public IReadOnlyList<PersonRecord> Found { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Subject = await db.PrivacyRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id, cancellationToken);
        if (Subject is null)
        {
            return NotFound();
        }

        Today = TenantClock.Today(tenantContext.Tenant!, clock);
        Email ??= Subject.PersonEmail;
        Phone ??= Subject.PersonPhone;
        Name ??= Subject.PersonName;
        var query = new PersonQuery(Email, Phone, Name);
        if (!query.IsEmpty)
        {
            var ids = await search.FindAsync(query, cancellationToken);
            Found = await records.LoadAsync(ids, cancellationToken);
            audit.Record(AuditActions.PrivacyPersonSearched, Subject.Reference,
                $"by {query.Describe()}: {Found.Count} contacts ({string.Join(", ", Found.Select(f => f.Contact.Id))})");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(string? format, List<Guid>? contactIds, CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var found = await records.LoadAsync(contactIds ?? [], cancellationToken);
        audit.Record(AuditActions.PrivacyPersonExported, request.Reference,
            $"{(json ? "json" : "csv")}: {found.Count} contacts ({string.Join(", ", found.Select(f => f.Contact.Id))})");
        await db.SaveChangesAsync(cancellationToken);
        var name = $"{FileNames.Safe(request.Reference)}.{(json ? "json" : "csv")}";
        return json
            ? File(PersonExport.ToJson(request, tenantContext.Tenant!.Name, found, clock.GetUtcNow()), "application/json", name)
            : File(PersonExport.ToCsv(request, found), "text/csv; charset=utf-8", name);
    }

    public async Task<IActionResult> OnPostCorrectAsync(List<Guid>? contactIds, CorrectableField field, string? oldValue, string? newValue, CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (!Enum.IsDefined(field) || contactIds is not { Count: > 0 }
            || (field is CorrectableField.Email or CorrectableField.Phone && string.IsNullOrWhiteSpace(oldValue)))
        {
            TempData["Status"] = l["Choose the contacts, the field and (for an email or phone) the value to replace."].Value;
            return Back();
        }

        if ((newValue?.Trim().Length ?? 0) > 1000)
        {
            TempData["Status"] = l["The new value is too long."].Value;
            return Back();
        }

        var changed = await actions.CorrectAsync(request, contactIds, field, oldValue, newValue, cancellationToken);
        TempData["Status"] = l["{0} contacts were corrected.", changed].Value;
        return Back();
    }

    public async Task<IActionResult> OnPostStopUseAsync(List<Guid>? contactIds, CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var stopped = await actions.StopUseAsync(request, contactIds ?? [], cancellationToken);
        TempData["Status"] = l["Use was stopped for {0} contacts: they no longer appear in discovery, exports or campaigns.", stopped].Value;
        return Back();
    }

    public async Task<IActionResult> OnPostEraseAsync(List<Guid>? contactIds, bool confirm, CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (!confirm)
        {
            TempData["Status"] = l["Tick the confirmation to erase: it cannot be undone."].Value;
            return Back();
        }

        var erased = await actions.EraseAsync(request, contactIds ?? [], cancellationToken);
        TempData["Status"] = l["{0} contacts were erased. Later imports and manual adds of this person are skipped.", erased].Value;
        return Back();
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.Status == PrivacyRequestStatus.Open)
        {
            request.Status = PrivacyRequestStatus.Closed;
            request.ClosedAt = clock.GetUtcNow();
            audit.Record(AuditActions.PrivacyRequestClosed, request.Reference);
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = l["Request {0} was closed.", request.Reference].Value;
        return Redirect($"/{Slug}/privacy/requests");
    }

    private Task<PrivacyRequest?> FindAsync(CancellationToken cancellationToken) =>
        db.PrivacyRequests.FirstOrDefaultAsync(r => r.Id == Id, cancellationToken);

    /// <summary>Back to the request with the same search, which runs (and is audited) again.</summary>
    private RedirectResult Back() =>
        Redirect($"/{Slug}/privacy/requests/{Id}{QueryString.Create(new Dictionary<string, string?> { ["email"] = Email, ["phone"] = Phone, ["name"] = Name }.Where(p => p.Value is not null))}");
}

/// <summary>A reference as a download's file name: letters, digits, dash and underscore only.</summary>
internal static class FileNames
{
    public static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}

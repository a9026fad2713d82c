using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts.Import;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.Imports)]
[RequestSizeLimit(MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 1024 * 1024)]
public sealed class IndexModel(
    AppDbContext db,
    ContactAccess access,
    ContactImporter importer,
    ContactLabels labels,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxFileBytes = ContactFileReader.MaxFileBytes;

    public IReadOnlyList<ImportBatch> History { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, labels.FileProblem(ContactFileProblem.Empty));
        }
        else if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError(string.Empty, labels.FileProblem(ContactFileProblem.TooLarge));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        ContactFileParseResult parsed;
        try
        {
            parsed = ContactFileReader.Read(content, file.FileName);
        }
        catch (ContactFileException e)
        {
            ModelState.AddModelError(string.Empty, labels.FileProblem(e.Problem));
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (parsed.Contacts.Count == 0 && parsed.Rejected.Count == 0)
        {
            ModelState.AddModelError(string.Empty, l["The file holds no contacts."]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var batch = ContactImporter.NewBatch(access.CurrentUserId, file.FileName, content, parsed, clock.GetUtcNow());
        await importer.ScreenAsync(batch, parsed.Contacts, cancellationToken);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/{Slug}/contacts/import/{batch.Id}");
    }

    public string StatusText(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => l["Waiting for your confirmation"],
        ImportStatus.Queued => l["Queued"],
        ImportStatus.Running => l["Importing"],
        ImportStatus.Completed => l["Done"],
        _ => l["Failed"],
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        History = await db.ImportBatches.AsNoTracking().Where(b => b.OwnerId == me)
            .OrderByDescending(b => b.CreatedAt).Take(20)
            .Select(b => new ImportBatch
            {
                Id = b.Id, FileName = b.FileName, Format = b.Format, EncodingName = b.EncodingName, Status = b.Status,
                Created = b.Created, Updated = b.Updated, Rejected = b.Rejected, CreatedAt = b.CreatedAt,
            })
            .ToListAsync(cancellationToken);
    }
}

using Hangfire;
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
public sealed class BatchModel(
    AppDbContext db,
    ContactAccess access,
    ContactImporter importer,
    ImportUndo undo,
    ContactLabels labels,
    IBackgroundJobClient jobs,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PreviewRows = 20;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ImportBatch? Batch { get; private set; }
    public ImportPlan? Plan { get; private set; }
    public IReadOnlyList<RejectedLine> Rejected { get; private set; } = [];
    public string FormatName { get; private set; } = "";
    public IReadOnlyList<(string Source, string Field)> Mapping { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    /// <summary>The contacts a completed import created or updated (the first <see cref="ListedContacts"/>), for bulk triage.</summary>
    public IReadOnlyList<(Guid Id, string DisplayName, string? CompanyName, int Depth, ContactVisibility Visibility, ImportContactAction Action)> Contacts { get; private set; } = [];
    public int ContactCount { get; private set; }
    public bool CanUndo { get; private set; }
    public const int ListedContacts = 200;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Batch = await FindAsync(cancellationToken);
        if (Batch is null)
        {
            return NotFound();
        }

        Rejected = ContactImporter.RejectedLines(Batch);
        if (Enum.TryParse<ContactFileFormat>(Batch.Format, out var format))
        {
            FormatName = labels.Format(format);
            Mapping = ImportMappings.For(format);
        }
        if (Batch.Status == ImportStatus.Previewed)
        {
            Plan = await importer.PlanAsync(Batch, ContactImporter.Parse(Batch), cancellationToken);
        }
        else if (Batch.Status == ImportStatus.Completed)
        {
            CanUndo = undo.CanUndo(Batch);
            var batchId = Batch.Id;
            var mine = from r in db.ImportBatchContacts
                       where r.BatchId == batchId
                       join c in db.Contacts on r.ContactId equals c.Id
                       where c.OwnerId == Batch.OwnerId
                       select new { c.Id, c.DisplayName, c.CompanyName, c.Depth, c.Visibility, r.Action, c.SortKey };
            ContactCount = await mine.CountAsync(cancellationToken);
            Contacts = [.. (await mine.OrderBy(c => c.SortKey).ThenBy(c => c.Id).Take(ListedContacts).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.DisplayName, c.CompanyName, c.Depth, c.Visibility, c.Action))];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var batch = await FindAsync(cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.Status is ImportStatus.Previewed or ImportStatus.Failed && batch.Content is not null)
        {
            if (batch.TotalRows <= ContactImporter.InlineLimit)
            {
                await importer.RunAsync(batch, cancellationToken);
                TempData["Status"] = l["Imported: {0} new, {1} updated, {2} rejected.", batch.Created, batch.Updated, batch.Rejected].Value;
            }
            else
            {
                batch.Status = ImportStatus.Queued;
                await db.SaveChangesAsync(cancellationToken);
                var tenantId = tenantContext.Tenant!.Id;
                var batchId = batch.Id;
                jobs.Enqueue<ImportContactsJob>(j => j.RunAsync(tenantId, batchId, CancellationToken.None));
            }
        }

        return Redirect($"/{Slug}/contacts/import/{batch.Id}");
    }

    /// <summary>Undoes the whole import (within <see cref="ImportUndo.Window"/> of its completion).</summary>
    public async Task<IActionResult> OnPostUndoAsync(CancellationToken cancellationToken)
    {
        var batch = await FindAsync(cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var result = await undo.UndoAsync(batch, cancellationToken);
        TempData["Status"] = result is null
            ? l["This import can no longer be undone: an import can be undone for {0} days after it finished, once.", (int)ImportUndo.Window.TotalDays].Value
            : l["The import was undone: {0} contacts it created were removed, {1} it updated are as they were.", result.Removed, result.Restored].Value;
        return Redirect($"/{Slug}/contacts/import/{batch.Id}");
    }

    public string ActionText(PlannedAction action) => action switch
    {
        PlannedAction.Create => l["New contact"],
        PlannedAction.Update => l["Updates a contact you have"],
        _ => l["Same person as an earlier line"],
    };

    private Task<ImportBatch?> FindAsync(CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        return db.ImportBatches.FirstOrDefaultAsync(b => b.Id == Id && b.OwnerId == me, cancellationToken);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts.Triage;

namespace NetworkSaaS.Web.Features.Contacts.Import;

public sealed record ImportUndoResult(int Removed, int Restored);

/// <summary>
/// Undoes a whole import within <see cref="Window"/> of its completion: the contacts it created are deleted (with
/// whatever was added to them since), the ones it updated get back the fields it filled (<see cref="ImportedFields"/>).
/// One transaction, one audit entry.
/// </summary>
public sealed class ImportUndo(AppDbContext db, ContactWriter writer, OrganizationDirectory organizations, ContactRemoval removal, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public bool CanUndo(ImportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch is { Status: ImportStatus.Completed, UndoneAt: null, CompletedAt: { } completed } && clock.GetUtcNow() - completed <= Window;
    }

    /// <summary>Null when the import cannot be undone (see <see cref="CanUndo"/>). <paramref name="batch"/> must be tracked.</summary>
    public async Task<ImportUndoResult?> UndoAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two clicks at once: the second waits here, then sees the first's mark.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM import_batches WHERE tenant_id = {db.CurrentTenantId} AND id = {batch.Id} FOR UPDATE", cancellationToken);
        await db.Entry(batch).ReloadAsync(cancellationToken);
        if (!CanUndo(batch))
        {
            return null;
        }

        var records = await db.ImportBatchContacts.AsNoTracking().Where(r => r.BatchId == batch.Id).ToListAsync(cancellationToken);
        var created = records.Where(r => r.Action == ImportContactAction.Created).Select(r => r.ContactId).ToArray();
        var updated = records.Where(r => r.Action == ImportContactAction.Updated && r.Before is not null)
            .ToDictionary(r => r.ContactId, r => JsonSerializer.Deserialize<ImportedFields>(r.Before!)!);
        var removed = created.Length == 0 ? 0 : await removal.RemoveAsync(batch.OwnerId, created, cancellationToken);

        var updatedIds = updated.Keys.ToArray();
        var contacts = await db.Contacts.Where(c => c.OwnerId == batch.OwnerId && updatedIds.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var contact in contacts)
        {
            updated[contact.Id].RestoreTo(contact);
        }

        await organizations.PreloadAsync(contacts.Select(c => c.CompanyName), cancellationToken);
        foreach (var contact in contacts)
        {
            await writer.DeriveAsync(contact, cancellationToken);
        }

        batch.UndoneAt = clock.GetUtcNow();
        audit.Record(AuditActions.ImportUndone, batch.FileName, $"{batch.Id}: {removed} removed, {contacts.Count} restored");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportUndoResult(removed, contacts.Count);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>
/// Bulk changes of one owner's contacts: one transaction, one audit entry with the count, and an undo of the latest
/// change. Undo writes back exactly what the change replaced (<see cref="TriageFields"/>). A bulk delete deletes for
/// real — like deleting one contact, it is third parties' data, and a soft delete would have to be honoured by every
/// query (discovery, reports, exports, digests) forever — and keeps the deleted contacts with their interactions in the
/// change record until undone, replaced by the owner's next bulk change, or <see cref="UndoableFor"/> has passed.
/// </summary>
public sealed class BulkChanges(AppDbContext db, ContactWriter writer, OrganizationDirectory organizations, ContactRemoval removal, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan UndoableFor = TimeSpan.FromDays(1);

    /// <returns>How many contacts changed (ids that are not the owner's own are ignored).</returns>
    public async Task<int> ApplyAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, BulkEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(edit);
        var wanted = ids.Distinct().ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.OwnerId == ownerId && wanted.Contains(c.Id)).ToListAsync(cancellationToken);
        if (contacts.Count == 0)
        {
            return 0;
        }

        var own = contacts.Select(c => c.Id).ToArray();
        string before;
        if (edit.Action == BulkAction.Delete)
        {
            before = JsonSerializer.Serialize(await removal.SnapshotAsync(own, cancellationToken));
            db.ChangeTracker.Clear();
            await removal.RemoveAsync(ownerId, own, cancellationToken);
        }
        else
        {
            before = JsonSerializer.Serialize(contacts.Select(TriageFields.Of).ToList());
            await organizations.PreloadAsync(contacts.Select(c => c.CompanyName), cancellationToken);
            foreach (var contact in contacts)
            {
                edit.ApplyTo(contact);
                await writer.DeriveAsync(contact, cancellationToken);
            }
        }

        await db.BulkChanges.Where(b => b.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken);
        db.BulkChanges.Add(new BulkChange { OwnerId = ownerId, Kind = edit.Action.ToString(), Count = own.Length, Before = before, CreatedAt = clock.GetUtcNow() });
        audit.Record(AuditActions.ContactsBulkChanged, edit.Action.ToString(), $"{own.Length} contacts: {edit.Describe()}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return own.Length;
    }

    /// <summary>The owner's latest change while it can still be undone.</summary>
    public async Task<UndoableChange?> UndoableAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        // Asked on every page of the list, so a plain read of what the undo banner shows (not the stored "before" state).
        var since = clock.GetUtcNow() - UndoableFor;
        var found = await db.ReadAsync("""
            SELECT id, kind, count FROM bulk_changes
            WHERE tenant_id = $1 AND owner_id = $2 AND undone_at IS NULL AND created_at >= $3
            ORDER BY created_at DESC LIMIT 1
            """,
            [TenantReads.Value(db.CurrentTenantId), TenantReads.Value(ownerId), TenantReads.Value(since)],
            r => new UndoableChange(r.GetGuid(0), r.GetString(1), r.GetInt32(2)), cancellationToken);
        return found.SingleOrDefault();
    }

    /// <returns>How many contacts were put back as they were; null when there is nothing to undo.</returns>
    public async Task<int?> UndoAsync(Guid ownerId, Guid changeId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var since = clock.GetUtcNow() - UndoableFor;
        var change = await db.BulkChanges
            .FromSql($"SELECT * FROM bulk_changes WHERE tenant_id = {db.CurrentTenantId} AND id = {changeId} AND owner_id = {ownerId} AND undone_at IS NULL AND created_at >= {since} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (change is null)
        {
            return null;
        }

        int restored;
        if (change.Kind == nameof(BulkAction.Delete))
        {
            restored = await removal.RestoreAsync(JsonSerializer.Deserialize<DeletedContacts>(change.Before)!, cancellationToken);
        }
        else
        {
            var before = JsonSerializer.Deserialize<List<TriageFields>>(change.Before)!.ToDictionary(f => f.Id);
            var ids = before.Keys.ToArray();
            var contacts = await db.Contacts.Where(c => c.OwnerId == ownerId && ids.Contains(c.Id)).ToListAsync(cancellationToken);
            await organizations.PreloadAsync(contacts.Select(c => c.CompanyName), cancellationToken);
            foreach (var contact in contacts)
            {
                before[contact.Id].RestoreTo(contact);
                await writer.DeriveAsync(contact, cancellationToken);
            }

            restored = contacts.Count;
        }

        // Undone: the copy of deleted contacts is not needed any more.
        change.UndoneAt = clock.GetUtcNow();
        change.Before = "null";
        audit.Record(AuditActions.ContactsBulkUndone, change.Kind, $"{restored} of {change.Count} contacts restored");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return restored;
    }
}

/// <summary>The owner's last bulk change that can still be undone, as the undo banner shows it.</summary>
public sealed record UndoableChange(Guid Id, string Kind, int Count);

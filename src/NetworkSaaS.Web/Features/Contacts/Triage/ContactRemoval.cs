using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>
/// Deletes contacts of one owner for real, with their interactions (cascade) and the merge history that holds copies of
/// them; references from other contacts ("introduced by") and from introductions (the database's ON DELETE SET NULL)
/// are cleared. <see cref="SnapshotAsync"/> keeps what is needed to bring them back.
/// </summary>
public sealed class ContactRemoval(AppDbContext db, Privacy.SuppressionList suppressions)
{
    public async Task<DeletedContacts> SnapshotAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var interactions = await db.Interactions.AsNoTracking().Where(i => ids.Contains(i.ContactId)).ToListAsync(cancellationToken);
        var introductions = await db.IntroductionRequests.AsNoTracking().Where(r => r.ContactId != null && ids.Contains(r.ContactId.Value))
            .Select(r => new DeletedContacts.Link(r.Id, r.ContactId!.Value)).ToListAsync(cancellationToken);
        var introducedBy = await db.Contacts.AsNoTracking().Where(c => c.IntroducedByContactId != null && ids.Contains(c.IntroducedByContactId.Value))
            .Select(c => new DeletedContacts.Link(c.Id, c.IntroducedByContactId!.Value)).ToListAsync(cancellationToken);
        return new DeletedContacts(contacts, interactions, introductions, introducedBy);
    }

    /// <returns>How many contacts were deleted.</returns>
    public async Task<int> RemoveAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.ContactMerges.Where(m => m.OwnerId == ownerId && (ids.Contains(m.SurvivorId) || ids.Contains(m.AbsorbedId))).ExecuteDeleteAsync(cancellationToken);
        await db.Contacts.Where(c => c.IntroducedByContactId != null && ids.Contains(c.IntroducedByContactId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, (Guid?)null), cancellationToken);
        // The statements bypass the change tracker: a copy the caller loaded must not be saved back later.
        foreach (var tracked in db.ChangeTracker.Entries<Contact>().Where(e => ids.Contains(e.Entity.Id)).ToList())
        {
            tracked.State = EntityState.Detached;
        }

        return await db.Contacts.Where(c => c.OwnerId == ownerId && ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Puts deleted contacts back (unless one with the same id exists again, or the person asked the company to erase
    /// their data since: an undo must never bring an erased person back), their interactions and the references that were cleared.
    /// </summary>
    public async Task<int> RestoreAsync(DeletedContacts deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        var ids = deleted.Contacts.Select(c => c.Id).ToArray();
        var existing = await db.Contacts.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var candidates = deleted.Contacts.Where(c => !existing.Contains(c.Id)).ToList();
        var erased = await suppressions.SuppressedAsync(
            [.. candidates.Select(c => ((IEnumerable<string>)c.Emails, (IEnumerable<string>)c.Phones))], cancellationToken);
        var back = candidates.Where((_, index) => !erased.Contains(index)).ToList();
        var backIds = back.Select(c => c.Id).ToHashSet();
        db.Contacts.AddRange(back);
        db.Interactions.AddRange(deleted.Interactions.Where(i => backIds.Contains(i.ContactId)));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var link in deleted.Introductions.Where(l => backIds.Contains(l.To)))
        {
            await db.IntroductionRequests.Where(r => r.Id == link.From && r.ContactId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ContactId, link.To), cancellationToken);
        }

        foreach (var link in deleted.IntroducedBy.Where(l => backIds.Contains(l.To)))
        {
            await db.Contacts.Where(c => c.Id == link.From && c.IntroducedByContactId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, link.To), cancellationToken);
        }

        return back.Count;
    }
}

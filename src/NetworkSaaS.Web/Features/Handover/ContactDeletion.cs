using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Handover;

/// <summary>
/// Deletes contacts for real as the contact page's Delete does (interactions go with them, introductions keep their
/// history and forget the person), for many at once: their merge records go, and contacts they introduced forget them.
/// </summary>
public sealed class ContactDeletion(AppDbContext db)
{
    public async Task<int> DeleteAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
        {
            return 0;
        }

        await db.ContactMerges.Where(m => ids.Contains(m.SurvivorId) || ids.Contains(m.AbsorbedId)).ExecuteDeleteAsync(cancellationToken);
        await db.Contacts.Where(c => c.IntroducedByContactId != null && ids.Contains(c.IntroducedByContactId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, (Guid?)null), cancellationToken);
        foreach (var tracked in db.ChangeTracker.Entries<Core.Features.Contacts.Contact>().Where(e => ids.Contains(e.Entity.Id)).ToList())
        {
            tracked.State = EntityState.Detached;
        }

        return await db.Contacts.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Who may see which contact: the owner sees and edits their own; colleagues see another owner's contact only when
/// it is Shared, read-only, and every such view is audit-logged. Discoverable and Private contacts of others are
/// "not found", exactly like contacts that do not exist.
/// </summary>
public sealed class ContactAccess(AppDbContext db, UserManager<AppUser> users, IHttpContextAccessor http, AuditLog audit)
{
    public Guid CurrentUserId => Guid.Parse(users.GetUserId(http.HttpContext!.User)!);

    /// <summary>The current user's own contact, tracked for editing; null when it is not theirs.</summary>
    public Task<Contact?> FindOwnAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = CurrentUserId;
        return db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.OwnerId == me, cancellationToken);
    }

    /// <summary>A contact the current user may read (own, or a colleague's Shared one — that view is audited).</summary>
    public async Task<Contact?> FindReadableAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = CurrentUserId;
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Owner).Include(c => c.Organization)
            .FirstOrDefaultAsync(c => c.Id == id && (c.OwnerId == me || (c.Visibility == ContactVisibility.Shared && !c.UseStopped)), cancellationToken);
        if (contact is not null && contact.OwnerId != me)
        {
            audit.Record(AuditActions.SharedContactViewed, contact.DisplayName, $"{contact.Id} (owner: {contact.Owner?.DisplayName})");
            await db.SaveChangesAsync(cancellationToken);
        }

        return contact;
    }

    /// <summary>Active colleagues' contacts that are the same person (same email or phone), counted only when not Private.</summary>
    public async Task<int> ColleaguesWhoKnowAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Emails.Count == 0 && contact.PhonesE164.Count == 0)
        {
            return 0;
        }

        var emails = contact.Emails.ToArray();
        var phones = contact.PhonesE164.ToArray();
        return await db.Contacts
            .Where(c => c.OwnerId != contact.OwnerId && c.Visibility != ContactVisibility.Private && c.Owner!.IsActive && !c.UseStopped)
            .Where(c => c.Emails.Any(e => emails.Contains(e)) || c.PhonesE164.Any(p => phones.Contains(p)))
            .Select(c => c.OwnerId).Distinct().CountAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

public sealed record ReviewRow(Guid Id, string DisplayName, string? CompanyName, string? Title, int Depth, ContactVisibility Visibility);

/// <summary>
/// An owner's imported contacts that nobody has looked at yet (<see cref="Contact.ReviewPending"/>), in name order.
/// A contact leaves the queue when the owner edits it, changes it in bulk, or chooses its visibility here.
/// </summary>
public sealed class ToReviewList(AppDbContext db, ContactWriter writer)
{
    public const int PageSize = 50;

    public Task<int> CountAsync(Guid ownerId, CancellationToken cancellationToken) =>
        db.Contacts.CountAsync(c => c.OwnerId == ownerId && c.ReviewPending, cancellationToken);

    public Task<List<ReviewRow>> PageAsync(Guid ownerId, int page, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId && c.ReviewPending)
            .OrderBy(c => c.SortKey).ThenBy(c => c.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(c => new ReviewRow(c.Id, c.DisplayName, c.CompanyName, c.Title, c.Depth, c.Visibility))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// One quick action on one of the owner's contacts: a depth keeps it in the queue (the visibility is the decision
    /// still to take), a visibility takes it out. Null when the contact is not the owner's.
    /// </summary>
    public async Task<Contact?> SetAsync(Guid ownerId, Guid id, int? depth, ContactVisibility? visibility, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.OwnerId == ownerId, cancellationToken);
        if (contact is null)
        {
            return null;
        }

        if (depth is { } d)
        {
            contact.Depth = d;
        }

        if (visibility is { } v)
        {
            contact.Visibility = v;
            contact.ReviewPending = false;
        }

        await writer.DeriveAsync(contact, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return contact;
    }
}

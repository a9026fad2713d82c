using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>The quick inline update of the transfer-season check (same limits as the contact form).</summary>
public sealed class PositionInput
{
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? CompanyName { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Department { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Title { get; set; }
}

public sealed record TransferRow(Guid ContactId, string Name, string? Company, string? Department, string? Title, int Depth);

public sealed record TransferList(IReadOnlyList<TransferRow> Rows, int Remaining, int Unchanged, int Updated, int Page, int Pages);

public enum ConfirmResult
{
    Unchanged,
    Updated,
    AlreadyConfirmed,
    NotFound,
}

/// <summary>
/// The April transfer season (異動): each owner confirms, once a year per contact, that the company, department and title
/// on file are still right, or corrects them. Contacts at a company come first, deeper relationships before others.
/// </summary>
public sealed class TransferChecks(AppDbContext db, ContactWriter writer, TimeProvider clock)
{
    public const int PageSize = 50;

    public IQueryable<Contact> Unconfirmed(int year) =>
        db.Contacts.Where(c => !c.UseStopped && !db.TransferConfirmations.Any(t => t.ContactId == c.Id && t.Year == year));

    /// <summary>Owners with someone at a company still to confirm this year (whom the notification job tells).</summary>
    public IQueryable<Guid> OwnersWithContactsToConfirm(int year) => Unconfirmed(year).Where(c => c.CompanyName != null).Select(c => c.OwnerId);

    public async Task<TransferList> ForOwnerAsync(Guid ownerId, int year, int page, CancellationToken cancellationToken)
    {
        var mine = Unconfirmed(year).Where(c => c.OwnerId == ownerId);
        var remaining = await mine.CountAsync(cancellationToken);
        var pages = Math.Max(1, (remaining + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await mine.AsNoTracking()
            .OrderByDescending(c => c.CompanyName != null).ThenByDescending(c => c.Depth).ThenBy(c => c.SortKey).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new TransferRow(c.Id, c.DisplayName, c.CompanyName, c.Department, c.Title, c.Depth))
            .ToListAsync(cancellationToken);
        var done = await db.TransferConfirmations.AsNoTracking()
            .Where(t => t.Year == year && db.Contacts.Any(c => c.Id == t.ContactId && c.OwnerId == ownerId))
            .GroupBy(t => t.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Outcome, g => g.Count, cancellationToken);
        return new TransferList(rows, remaining, done.GetValueOrDefault(TransferOutcome.Unchanged), done.GetValueOrDefault(TransferOutcome.Updated), page, pages);
    }

    /// <summary>
    /// Confirms one of the owner's contacts for <paramref name="year"/>, applying <paramref name="update"/> when given.
    /// The confirmation row (primary key contact + year) is inserted in the same transaction as the change, so a double
    /// submit confirms and changes once.
    /// </summary>
    public async Task<ConfirmResult> ConfirmAsync(Guid ownerId, Guid contactId, int year, PositionInput? update, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OwnerId == ownerId, cancellationToken);
        if (contact is null)
        {
            return ConfirmResult.NotFound;
        }

        var entry = db.Entry(contact);
        if (update is not null)
        {
            await writer.ApplyPositionAsync(contact, update.CompanyName, update.Department, update.Title, cancellationToken);
            db.ChangeTracker.DetectChanges();
        }

        var changed = entry.Property(c => c.CompanyName).IsModified || entry.Property(c => c.Department).IsModified || entry.Property(c => c.Title).IsModified;
        var outcome = changed ? TransferOutcome.Updated : TransferOutcome.Unchanged;
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO transfer_confirmations (tenant_id, contact_id, year, outcome, confirmed_at)
            VALUES ({db.CurrentTenantId}, {contactId}, {year}, {(int)outcome}, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, contact_id, year) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return ConfirmResult.AlreadyConfirmed;
        }

        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed ? ConfirmResult.Updated : ConfirmResult.Unchanged;
    }
}

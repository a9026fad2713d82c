using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Merges two contacts of the same owner into one, keeping everything either knew, and can undo it: the merge
/// record keeps the survivor's previous state, the absorbed contact and the interactions that moved.
/// </summary>
public sealed class ContactMerger(AppDbContext db, ContactWriter writer, TimeProvider clock)
{
    /// <summary>The merged result, not saved (for the preview).</summary>
    public Contact Preview(Contact survivor, Contact absorbed)
    {
        var result = Clone(survivor);
        Combine(result, absorbed);
        return result;
    }

    public async Task<ContactMerge> MergeAsync(Contact survivor, Contact absorbed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(absorbed);
        if (survivor.OwnerId != absorbed.OwnerId || survivor.Id == absorbed.Id)
        {
            throw new InvalidOperationException("Only two different contacts of the same owner can be merged.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var merge = new ContactMerge
        {
            OwnerId = survivor.OwnerId,
            SurvivorId = survivor.Id,
            AbsorbedId = absorbed.Id,
            SurvivorBefore = Serialize(survivor),
            Absorbed = Serialize(absorbed),
            MergedAt = clock.GetUtcNow(),
        };
        var moved = await db.Interactions.Where(i => i.ContactId == absorbed.Id).ToListAsync(cancellationToken);
        foreach (var interaction in moved)
        {
            interaction.ContactId = survivor.Id;
        }

        merge.MovedInteractionIds = [.. moved.Select(i => i.Id)];
        await db.Contacts.Where(c => c.IntroducedByContactId == absorbed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, survivor.Id), cancellationToken);
        Combine(survivor, absorbed);
        await writer.DeriveAsync(survivor, cancellationToken);
        db.ContactMerges.Add(merge);
        await db.SaveChangesAsync(cancellationToken);
        db.Contacts.Remove(absorbed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merge;
    }

    public async Task UndoAsync(ContactMerge merge, Contact survivor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(survivor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = Deserialize(merge.SurvivorBefore);
        db.Entry(survivor).CurrentValues.SetValues(before);
        survivor.Emails = before.Emails;
        survivor.Phones = before.Phones;
        survivor.PhonesE164 = before.PhonesE164;
        survivor.Urls = before.Urls;
        survivor.Tags = before.Tags;
        survivor.Expertise = before.Expertise;
        var absorbed = Deserialize(merge.Absorbed);
        db.Contacts.Add(absorbed);
        await db.SaveChangesAsync(cancellationToken);
        var movedIds = merge.MovedInteractionIds.ToArray();
        foreach (var interaction in await db.Interactions.Where(i => movedIds.Contains(i.Id)).ToListAsync(cancellationToken))
        {
            interaction.ContactId = absorbed.Id;
        }

        merge.UndoneAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The survivor keeps what it has, gains what only the other knew; lists are united; the stricter visibility wins.</summary>
    private static void Combine(Contact survivor, Contact other)
    {
        survivor.FamilyName ??= other.FamilyName;
        survivor.GivenName ??= other.GivenName;
        survivor.FamilyNameKana ??= other.FamilyNameKana;
        survivor.GivenNameKana ??= other.GivenNameKana;
        survivor.CompanyName ??= other.CompanyName;
        survivor.Department ??= other.Department;
        survivor.Title ??= other.Title;
        survivor.Address ??= other.Address;
        survivor.MetAt ??= other.MetAt;
        survivor.VCardUid ??= other.VCardUid;
        survivor.IntroducedByUserId ??= other.IntroducedByUserId;
        survivor.IntroducedByContactId ??= other.IntroducedByContactId == survivor.Id ? null : other.IntroducedByContactId;
        survivor.CadenceDays ??= other.CadenceDays;
        survivor.Emails = Union(survivor.Emails, other.Emails);
        survivor.Phones = Union(survivor.Phones, other.Phones);
        survivor.Urls = Union(survivor.Urls, other.Urls);
        survivor.Tags = Union(survivor.Tags, other.Tags);
        survivor.Expertise = Union(survivor.Expertise, other.Expertise);
        survivor.Notes = (survivor.Notes, other.Notes) switch
        {
            (null, var n) => n,
            (var n, null) => n,
            var (a, b) when a == b => a,
            var (a, b) => $"{a}\n\n{b}",
        };
        if (survivor.Channel == MeetingChannel.Other)
        {
            survivor.Channel = other.Channel;
        }

        survivor.MetOn = Earliest(survivor.MetOn, other.MetOn);
        survivor.LastContactedOn = Latest(survivor.LastContactedOn, other.LastContactedOn);
        survivor.Depth = Math.Max(survivor.Depth, other.Depth);
        survivor.OpenTo |= other.OpenTo;
        survivor.Visibility = (ContactVisibility)Math.Min((int)survivor.Visibility, (int)other.Visibility);
        survivor.CreatedAt = survivor.CreatedAt < other.CreatedAt ? survivor.CreatedAt : other.CreatedAt;
    }

    private static List<string> Union(List<string> a, List<string> b) => [.. a.Concat(b).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Serialize(Contact contact) => JsonSerializer.Serialize(contact);

    private static Contact Deserialize(string json) => JsonSerializer.Deserialize<Contact>(json)!;

    private static Contact Clone(Contact contact) => Deserialize(Serialize(contact));
}

using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

public enum MatchReason
{
    SameEmail,
    SamePhone,
    SameNameAndCompany,
    SameReading,
}

public sealed record DuplicatePair(Guid Id, string Name, Guid OtherId, string OtherName, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Likely duplicates within one owner's network: same email, same phone (E.164), same name at the same company, or
/// the same kana reading. Never across owners: two colleagues knowing one person is a fact, not a duplicate.
/// </summary>
public sealed class DuplicateFinder(AppDbContext db)
{
    private sealed record Candidate(Guid Id, string DisplayName, string SortKey, bool HasReading, Guid? OrganizationId, List<string> Emails, List<string> PhonesE164);

    public async Task<IReadOnlyList<DuplicatePair>> ForOwnerAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var candidates = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId)
            .Select(c => new Candidate(c.Id, c.DisplayName, c.SortKey, c.FamilyNameKana != null || c.GivenNameKana != null, c.OrganizationId, c.Emails, c.PhonesE164))
            .ToListAsync(cancellationToken);
        var reasons = new Dictionary<(Guid, Guid), SortedSet<MatchReason>>();
        void Pair(IEnumerable<Candidate> group, MatchReason reason)
        {
            var members = group.DistinctBy(c => c.Id).OrderBy(c => c.Id).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var key = (members[i].Id, members[j].Id);
                    if (!reasons.TryGetValue(key, out var set))
                    {
                        reasons[key] = set = [];
                    }

                    set.Add(reason);
                }
            }
        }

        foreach (var group in candidates.SelectMany(c => c.Emails.Select(e => (Key: e, c))).GroupBy(x => x.Key).Where(g => g.Count() > 1))
        {
            Pair(group.Select(x => x.c), MatchReason.SameEmail);
        }

        foreach (var group in candidates.SelectMany(c => c.PhonesE164.Select(p => (Key: p, c))).GroupBy(x => x.Key).Where(g => g.Count() > 1))
        {
            Pair(group.Select(x => x.c), MatchReason.SamePhone);
        }

        foreach (var group in candidates.Where(c => c.OrganizationId != null).GroupBy(c => (Name: ContactNames.MatchKey(c.DisplayName), c.OrganizationId)).Where(g => g.Count() > 1))
        {
            Pair(group, MatchReason.SameNameAndCompany);
        }

        foreach (var group in candidates.Where(c => c.HasReading && c.SortKey.Length > 0).GroupBy(c => c.SortKey).Where(g => g.Count() > 1))
        {
            Pair(group, MatchReason.SameReading);
        }

        var names = candidates.ToDictionary(c => c.Id, c => c.DisplayName);
        return [.. reasons.Select(r => new DuplicatePair(r.Key.Item1, names[r.Key.Item1], r.Key.Item2, names[r.Key.Item2], [.. r.Value]))
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<(Guid OtherId, string OtherName, IReadOnlyList<MatchReason> Reasons)>> ForContactAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var pairs = await ForOwnerAsync(contact.OwnerId, cancellationToken);
        return [.. pairs.Where(p => p.Id == contact.Id || p.OtherId == contact.Id)
            .Select(p => p.Id == contact.Id ? (p.OtherId, p.OtherName, p.Reasons) : (p.Id, p.Name, p.Reasons))];
    }
}

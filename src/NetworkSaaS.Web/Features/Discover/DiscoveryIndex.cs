using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Discover;

/// <summary>One findable contact as the index holds it (Shared or Discoverable, use not stopped).</summary>
internal struct IndexedContact
{
    public Guid Id;
    public Guid OrganizationId;
    public int Owner;
    public int LastContactedDay;
    public byte Visibility;
    public byte Depth;
    public byte OpenTo;
    public string DisplayName;
    public string? Title;
    public string? CompanyName;

    /// <summary>Ids of the discovery terms (sorted), the organization's term among them.</summary>
    public int[] Terms;
    public int[] PersonKeys;

    /// <summary>Day numbers of the logged interactions.</summary>
    public int[] InteractionDays;
}

/// <summary>A colleague as discovery needs them: whether they count, and what a Discoverable hit may show of them.</summary>
internal sealed class IndexedOwner(Guid id)
{
    public Guid Id { get; } = id;
    public bool Active { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Department { get; set; }
    public string? Email { get; set; }
    public string? Title { get; set; }
    public string[] Expertise { get; set; } = [];

    /// <summary>The expertise tags' discovery terms, sorted ordinally.</summary>
    public string[] ExpertiseTerms { get; set; } = [];
    public long Version { get; set; } = -1;
    public List<int> Slots { get; } = [];
}

/// <summary>An organization a findable contact is at: its name for coverage, its name terms for "someone at X".</summary>
internal sealed class IndexedOrganization(Guid id)
{
    public Guid Id { get; } = id;
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";

    /// <summary>The name's terms (organization_terms), sorted ordinally.</summary>
    public string[] Terms { get; set; } = [];

    /// <summary>Ids of the folded name's trigrams (pg_trgm's show_trgm of search_name), for the typo fallback.</summary>
    public int[] Trigrams { get; set; } = [];
}

/// <summary>A findable contact as read from the database, before it is placed in the index.</summary>
public sealed record ContactLoad(
    Guid Id, Guid OwnerId, Guid? OrganizationId, int Visibility, int Depth, DateOnly? LastContactedOn, int OpenTo,
    string DisplayName, string? Title, string? CompanyName, List<string> Terms, List<Guid> PersonKeys, List<DateOnly> Interactions);

public sealed record OwnerLoad(Guid Id, bool Active, string DisplayName, string? Department, string? Email, string? Title, string[] Expertise, string[] ExpertiseTerms);

/// <summary>An organization of some loaded findable contact, with its name terms.</summary>
public sealed record OrganizationLoad(Guid Id, string Name, string NormalizedName, List<string> Terms, string[] Trigrams);

/// <summary>
/// What one snapshot of the database holds for some owners (or all of them): their versions, their findable contacts
/// and those contacts' organizations, the colleagues' details and the tenant's version (the row of the empty owner id).
/// </summary>
public sealed record IndexLoad(
    IReadOnlyCollection<Guid> Owners, IReadOnlyDictionary<Guid, long> Versions, long TenantVersion, long SnapshotXmin,
    IReadOnlyList<OwnerLoad> Users, IReadOnlyList<ContactLoad> Contacts, IReadOnlyList<OrganizationLoad> Organizations);

public sealed record IndexedHit(
    Guid ContactId, ContactVisibility Visibility, string? DisplayName, string? OwnerName, Guid? OwnerId, string? OwnerDepartment,
    string? Title, string? CompanyName, Guid? OrganizationId, OpenTo OpenTo, int Depth, DateOnly? LastContactedOn,
    int Interactions, DateOnly? Latest, double Decayed, int OtherColleagues);

public sealed record IndexedHolder(Guid OwnerId, string? Department, int Relationships, int Strongest);

public sealed record IndexedExpert(Guid UserId, string DisplayName, string? Email, string? Department, string? Title, IReadOnlyList<string> Expertise);

/// <summary>
/// One tenant's discovery index in memory: the findable contacts of its colleagues with their search terms, person
/// keys and interaction dates, and postings per term (contacts strongest first: depth, then latest contact, then id)
/// — the in-memory twin of discovery_terms, so a search ranks its candidates without a statement; the organizations
/// of those contacts with their name terms (the twin of organization_terms), so "someone at X" and account coverage
/// need no statement either; and the colleagues with their profile expertise terms. It is only ever
/// filled from statements run under the tenant's policies, and kept per tenant id (<see cref="DiscoveryIndexCache"/>).
/// Reads take the read lock; applying a load takes the write lock; no I/O happens under either.
/// </summary>
public sealed class DiscoveryIndex : IDisposable
{
    private const string OrganizationTermPrefix = "\u0001org:";
    private static readonly int[] None = [];
    private static readonly IComparer<string> Ordinal = StringComparer.Ordinal;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, int> ownerSlots = [];
    private readonly List<IndexedOwner> owners = [];
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<List<int>> postings = [];
    private readonly Dictionary<Guid, int> keyIds = [];
    private readonly List<List<int>> keyHolders = [];
    private readonly Dictionary<string, string> interned = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> organizationPostings = [];

    /// <summary>Filled by readers (under the read lock), emptied by every change (under the write lock).</summary>
    private readonly ConcurrentDictionary<Guid, IndexedHolder[]> holdersByOrganization = new();
    private readonly Dictionary<Guid, IndexedOrganization> organizations = [];
    private readonly Dictionary<string, List<IndexedOrganization>> organizationsByTerm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> trigramIds = new(StringComparer.Ordinal);

    /// <summary>Colleagues by expertise term, rebuilt whenever colleagues' details are applied.</summary>
    private readonly Dictionary<string, List<IndexedOwner>> ownersByExpertise = new(StringComparer.Ordinal);
    private readonly List<List<IndexedOrganization>> organizationsByTrigram = [];
    private readonly Stack<int> freeSlots = new();
    private IndexedContact[] contacts = new IndexedContact[16];
    private int slotCount;
    private long tenantVersion = -1;
    private long snapshotXmin;

    public Guid TenantId { get; }

    /// <summary>One reload at a time: requests that saw the same change wait for it instead of loading it again.</summary>
    public SemaphoreSlim Refreshing { get; } = new(1, 1);

    public DiscoveryIndex(Guid tenantId, IndexLoad everything)
    {
        ArgumentNullException.ThrowIfNull(everything);
        TenantId = tenantId;
        contacts = new IndexedContact[Math.Max(16, everything.Contacts.Count)];
        ApplyUsers(everything.Users);
        ApplyOrganizations(everything.Organizations);
        tenantVersion = everything.TenantVersion;
        foreach (var (owner, version) in everything.Versions)
        {
            owners[OwnerSlot(owner)].Version = version;
        }

        foreach (var contact in everything.Contacts)
        {
            var slot = Place(contact);
            foreach (var term in contacts[slot].Terms)
            {
                postings[term].Add(slot);
            }

            foreach (var key in contacts[slot].PersonKeys)
            {
                keyHolders[key].Add(contacts[slot].Owner);
            }
        }

        foreach (var posting in postings)
        {
            posting.Sort(Stronger);
        }

        foreach (var owner in owners.Where(o => o.Version < 0))
        {
            owner.Version = 0;
        }

        snapshotXmin = everything.SnapshotXmin;
        interned.Clear();
    }

    public int ContactCount { get; private set; }

    /// <summary>The oldest transaction the last applied check could not see: changes since then are asked for.</summary>
    public long SnapshotXmin => Interlocked.Read(ref snapshotXmin);

    /// <summary>
    /// Moves the watermark forward (never back) once everything a check saw has been applied; lock-free, so a request
    /// that found nothing new never waits for the write lock.
    /// </summary>
    public void Checked(long checkedXmin)
    {
        var known = Interlocked.Read(ref snapshotXmin);
        while (checkedXmin > known)
        {
            var seen = Interlocked.CompareExchange(ref snapshotXmin, checkedXmin, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }

    /// <summary>The owners (and whether the tenant's row) whose versions are newer than what the index holds.</summary>
    public (List<Guid> Owners, bool Tenant) Stale(IEnumerable<(Guid Owner, long Version)> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        gate.EnterReadLock();
        try
        {
            var stale = new List<Guid>();
            var tenant = false;
            foreach (var (owner, version) in versions)
            {
                if (owner == Guid.Empty)
                {
                    tenant |= version > tenantVersion;
                }
                else if (!ownerSlots.TryGetValue(owner, out var slot) || version > owners[slot].Version)
                {
                    stale.Add(owner);
                }
            }

            return (stale, tenant);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Applies a load of some owners (never older data than the index holds); then the caller moves the watermark.</summary>
    public void Apply(IndexLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        gate.EnterWriteLock();
        try
        {
            {
                // Colleagues' details of an older snapshot than the one applied would bring back e.g. a deactivated colleague.
                if (load.TenantVersion >= tenantVersion)
                {
                    ApplyUsers(load.Users);
                    tenantVersion = load.TenantVersion;
                }

                holdersByOrganization.Clear();
                ApplyOrganizations(load.Organizations);
                var byOwner = load.Contacts.GroupBy(c => c.OwnerId).ToDictionary(g => g.Key, g => g.ToList());
                foreach (var owner in load.Owners)
                {
                    var version = load.Versions.GetValueOrDefault(owner);
                    var slot = OwnerSlot(owner);
                    if (version > owners[slot].Version || owners[slot].Version < 0)
                    {
                        ReplaceContacts(slot, byOwner.GetValueOrDefault(owner) ?? []);
                        owners[slot].Version = version;
                    }
                }

                interned.Clear();
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// The strongest <paramref name="limit"/> findable contacts (index order) of active colleagues other than the searcher
    /// that hold every term, at one of the organizations when given, scored.
    /// </summary>
    public List<IndexedHit> Candidates(Guid me, IReadOnlyList<Guid>? atOrganizations, IReadOnlyList<string> terms, int limit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        gate.EnterReadLock();
        try
        {
            var required = new int[terms.Count];
            for (var i = 0; i < terms.Count; i++)
            {
                if (!termIds.TryGetValue(terms[i], out required[i]))
                {
                    return [];
                }
            }

            Array.Sort(required);
            var meSlot = ownerSlots.GetValueOrDefault(me, -1);
            List<int> found;
            if (atOrganizations is not null)
            {
                found = [];
                foreach (var organization in atOrganizations)
                {
                    if (organizationPostings.TryGetValue(organization, out var term))
                    {
                        found.AddRange(Strongest(postings[term], required, meSlot, limit));
                    }
                }

                found.Sort(Stronger);
                if (found.Count > limit)
                {
                    found.RemoveRange(limit, found.Count - limit);
                }
            }
            else
            {
                var driver = required.MinBy(t => postings[t].Count);
                found = Strongest(postings[driver], required, meSlot, limit);
            }

            var others = new HashSet<int>();
            return [.. found.Select(slot => Hit(slot, meSlot, today, others))];
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Per active colleague, their findable contacts at the organization (the searcher included). Kept until the index
    /// next changes: the largest organizations hold tens of thousands of contacts, and every search there shows them.
    /// </summary>
    public IReadOnlyList<IndexedHolder> Holders(Guid organization)
    {
        gate.EnterReadLock();
        try
        {
            if (holdersByOrganization.TryGetValue(organization, out var known))
            {
                return known;
            }

            if (!organizationPostings.TryGetValue(organization, out var term))
            {
                return [];
            }

            IndexedHolder[] holders = [.. postings[term].Where(slot => owners[contacts[slot].Owner].Active).GroupBy(slot => contacts[slot].Owner)
                .Select(g => new IndexedHolder(owners[g.Key].Id, owners[g.Key].Department, g.Count(), g.Max(slot => (int)contacts[slot].Depth)))];
            holdersByOrganization.TryAdd(organization, holders);
            return holders;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Organizations whose name holds every term, where an active colleague (the searcher included) holds a findable
    /// contact, shortest normalized name first: an organization known only privately, or only to leavers, is never named.
    /// </summary>
    public List<Guid> MatchOrganizations(IReadOnlyList<string> nameTerms, int limit)
    {
        ArgumentNullException.ThrowIfNull(nameTerms);
        if (nameTerms.Count == 0)
        {
            return [];
        }

        gate.EnterReadLock();
        try
        {
            if (ShortestPosting(organizationsByTerm, nameTerms) is not { } driver)
            {
                return [];
            }

            string[] wanted = [.. nameTerms];
            return [.. driver
                .Where(o => HoldsAll(o.Terms, wanted, Ordinal) && HeldByActiveColleague(o.Id))
                .OrderBy(o => o.NormalizedName.Length).ThenBy(o => o.NormalizedName, StringComparer.Ordinal).ThenBy(o => o.Id)
                .Take(limit).Select(o => o.Id)];
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// For a misspelt company name: organizations whose folded name is at least <paramref name="threshold"/> similar to
    /// it as pg_trgm measures it (shared trigrams / all trigrams of both), where an active colleague holds a findable
    /// contact, most similar first.
    /// </summary>
    public List<Guid> SimilarOrganizations(IReadOnlyList<string> trigrams, double threshold, int limit)
    {
        ArgumentNullException.ThrowIfNull(trigrams);
        var wanted = trigrams.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        gate.EnterReadLock();
        try
        {
            var shared = new Dictionary<IndexedOrganization, int>(ReferenceEqualityComparer.Instance);
            foreach (var trigram in wanted)
            {
                if (trigramIds.TryGetValue(trigram, out var id))
                {
                    foreach (var organization in organizationsByTrigram[id])
                    {
                        shared[organization] = shared.GetValueOrDefault(organization) + 1;
                    }
                }
            }

            return [.. shared
                .Select(s => (Organization: s.Key, Similarity: s.Value / (double)(wanted.Count + s.Key.Trigrams.Length - s.Value)))
                .Where(s => s.Similarity >= threshold && HeldByActiveColleague(s.Organization.Id))
                .OrderByDescending(s => s.Similarity).ThenBy(s => s.Organization.Id).Take(limit).Select(s => s.Organization.Id)];
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>The organization's name, when a loaded findable contact is there.</summary>
    public string? OrganizationName(Guid organization)
    {
        gate.EnterReadLock();
        try
        {
            return organizations.TryGetValue(organization, out var known) ? known.Name : null;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Active colleagues other than the searcher whose profile expertise holds every term, by name.</summary>
    public List<IndexedExpert> Experts(Guid me, IReadOnlyList<string> expertiseTerms, int limit)
    {
        ArgumentNullException.ThrowIfNull(expertiseTerms);
        if (expertiseTerms.Count == 0)
        {
            return [];
        }

        gate.EnterReadLock();
        try
        {
            if (ShortestPosting(ownersByExpertise, expertiseTerms) is not { } driver)
            {
                return [];
            }

            string[] wanted = [.. expertiseTerms];
            return [.. driver
                .Where(o => o.Active && o.Id != me && HoldsAll(o.ExpertiseTerms, wanted, Ordinal))
                .OrderBy(o => o.DisplayName, StringComparer.Ordinal).ThenBy(o => o.Id).Take(limit)
                .Select(o => new IndexedExpert(o.Id, o.DisplayName, o.Email, o.Department, o.Title, o.Expertise))];
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Managed bytes the index holds, estimated from its arrays and strings (object headers included).</summary>
    public long EstimatedBytes()
    {
        gate.EnterReadLock();
        try
        {
            const int arrayHeader = 24;
            const int stringHeader = 22;
            long bytes = arrayHeader + (long)contacts.Length * Marshal.SizeOf<Guid>() * 2 + (long)contacts.Length * (4 * 2 + 3 + 1 + 8 * 6);
            var strings = new HashSet<string>(ReferenceEqualityComparer.Instance);
            for (var slot = 0; slot < slotCount; slot++)
            {
                ref var c = ref contacts[slot];
                if (c.Terms is null)
                {
                    continue;
                }

                bytes += 3 * arrayHeader + 4L * (c.Terms.Length + c.PersonKeys.Length + c.InteractionDays.Length);
                foreach (var s in new[] { c.DisplayName, c.Title, c.CompanyName })
                {
                    if (s is not null && strings.Add(s))
                    {
                        bytes += stringHeader + 2L * s.Length;
                    }
                }
            }

            bytes += postings.Sum(p => 32L + 4L * p.Capacity) + keyHolders.Sum(k => 32L + 4L * k.Capacity);
            bytes += termIds.Sum(t => 24L + stringHeader + 2L * t.Key.Length) + keyIds.Count * 36L;
            bytes += organizations.Values.Sum(o => 48L + 2 * stringHeader + 2L * (o.Name.Length + o.NormalizedName.Length) + arrayHeader
                + o.Terms.Sum(t => 8L + stringHeader + 2L * t.Length));
            bytes += organizationsByTerm.Sum(t => 56L + 8L * t.Value.Capacity) + organizationPostings.Count * 36L;
            bytes += organizations.Values.Sum(o => arrayHeader + 4L * o.Trigrams.Length) + organizationsByTrigram.Sum(t => 32L + 8L * t.Capacity)
                + trigramIds.Sum(t => 24L + stringHeader + 2L * t.Key.Length);
            return bytes;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private List<int> Strongest(List<int> posting, int[] required, int meSlot, int limit)
    {
        var found = new List<int>(Math.Min(limit, posting.Count));
        foreach (var slot in posting)
        {
            ref var c = ref contacts[slot];
            if (c.Owner == meSlot || !owners[c.Owner].Active || !HoldsAll(c.Terms, required))
            {
                continue;
            }

            found.Add(slot);
            if (found.Count == limit)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Called when the cache drops the index (idle): requests still holding it finished long before.</summary>
    public void Dispose()
    {
        gate.Dispose();
        Refreshing.Dispose();
    }

    /// <summary>The list kept under the key, made empty the first time.</summary>
    private static List<T> ListUnder<TKey, T>(Dictionary<TKey, List<T>> lists, TKey key)
        where TKey : notnull
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _);
        return list ??= [];
    }

    /// <summary>The shortest of the terms' lists, to check the others against; null when a term has none.</summary>
    private static List<T>? ShortestPosting<T>(Dictionary<string, List<T>> byTerm, IReadOnlyList<string> terms)
    {
        List<T>? shortest = null;
        foreach (var term in terms)
        {
            if (!byTerm.TryGetValue(term, out var holding))
            {
                return null;
            }

            if (shortest is null || holding.Count < shortest.Count)
            {
                shortest = holding;
            }
        }

        return shortest;
    }

    /// <summary>Whether <paramref name="sorted"/> (in the comparer's order) holds every one of <paramref name="required"/>.</summary>
    private static bool HoldsAll<T>(T[] sorted, ReadOnlySpan<T> required, IComparer<T>? comparer = null)
    {
        foreach (var term in required)
        {
            if (Array.BinarySearch(sorted, term, comparer) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="others">Scratch set for the other colleagues who know the person, reused from hit to hit.</param>
    private IndexedHit Hit(int slot, int meSlot, DateOnly today, HashSet<int> others)
    {
        ref var c = ref contacts[slot];
        var owner = owners[c.Owner];
        var todayDay = today.DayNumber;
        var (count, latest, decayed) = (0, -1, 0.0);
        foreach (var day in c.InteractionDays)
        {
            if (day > todayDay)
            {
                continue;
            }

            count++;
            latest = Math.Max(latest, day);
            decayed += Math.Pow(0.5, (todayDay - day) / (double)RelationshipStrength.HalfLifeDays);
        }

        others.Clear();
        foreach (var key in c.PersonKeys)
        {
            foreach (var holder in keyHolders[key])
            {
                if (holder != c.Owner && holder != meSlot && owners[holder].Active)
                {
                    others.Add(holder);
                }
            }
        }

        var visibility = (ContactVisibility)c.Visibility;
        var shared = visibility == ContactVisibility.Shared;
        return new IndexedHit(c.Id, visibility, shared ? c.DisplayName : null, shared ? owner.DisplayName : null, shared ? owner.Id : null, owner.Department,
            c.Title, c.CompanyName, c.OrganizationId == Guid.Empty ? null : c.OrganizationId, (OpenTo)c.OpenTo, c.Depth,
            c.LastContactedDay < 0 ? null : DateOnly.FromDayNumber(c.LastContactedDay), count, latest < 0 ? null : DateOnly.FromDayNumber(latest), decayed, others.Count);
    }

    /// <summary>Index order: depth, then the latest contact (none last), then the id (uuid order, as PostgreSQL sorts it).</summary>
    private int Stronger(int a, int b)
    {
        ref var x = ref contacts[a];
        ref var y = ref contacts[b];
        var order = y.Depth.CompareTo(x.Depth);
        if (order != 0)
        {
            return order;
        }

        order = y.LastContactedDay.CompareTo(x.LastContactedDay);
        return order != 0 ? order : x.Id.CompareTo(y.Id);
    }

    private void ApplyUsers(IReadOnlyList<OwnerLoad> users)
    {
        foreach (var user in users)
        {
            var owner = owners[OwnerSlot(user.Id)];
            owner.Active = user.Active;
            owner.DisplayName = user.DisplayName;
            owner.Department = Intern(user.Department);
            owner.Email = user.Email;
            owner.Title = user.Title;
            owner.Expertise = user.Expertise;
            owner.ExpertiseTerms = [.. user.ExpertiseTerms.Order(StringComparer.Ordinal)];
        }

        ownersByExpertise.Clear();
        foreach (var owner in owners)
        {
            foreach (var term in owner.ExpertiseTerms)
            {
                ListUnder(ownersByExpertise, term).Add(owner);
            }
        }
    }

    /// <summary>Adds or renames organizations: each is listed under exactly the terms of its current name.</summary>
    private void ApplyOrganizations(IReadOnlyList<OrganizationLoad> loaded)
    {
        foreach (var load in loaded)
        {
            if (organizations.TryGetValue(load.Id, out var known))
            {
                foreach (var term in known.Terms)
                {
                    organizationsByTerm[term].Remove(known);
                }

                foreach (var trigram in known.Trigrams)
                {
                    organizationsByTrigram[trigram].Remove(known);
                }
            }
            else
            {
                organizations[load.Id] = known = new IndexedOrganization(load.Id);
            }

            known.Name = load.Name;
            known.NormalizedName = load.NormalizedName;
            known.Terms = [.. load.Terms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            foreach (var term in known.Terms)
            {
                ListUnder(organizationsByTerm, term).Add(known);
            }

            known.Trigrams = [.. load.Trigrams.Distinct(StringComparer.Ordinal).Select(TrigramId)];
            foreach (var trigram in known.Trigrams)
            {
                organizationsByTrigram[trigram].Add(known);
            }
        }
    }

    private int TrigramId(string trigram) => Numbered(trigramIds, organizationsByTrigram, trigram);

    private bool HeldByActiveColleague(Guid organization) =>
        organizationPostings.TryGetValue(organization, out var term) && postings[term].Exists(slot => owners[contacts[slot].Owner].Active);

    private int OwnerSlot(Guid id)
    {
        if (!ownerSlots.TryGetValue(id, out var slot))
        {
            slot = owners.Count;
            owners.Add(new IndexedOwner(id));
            ownerSlots.Add(id, slot);
        }

        return slot;
    }

    /// <summary>Replaces one owner's contacts: postings of the terms they had or have are filtered and merged, not re-sorted.</summary>
    private void ReplaceContacts(int ownerSlot, List<ContactLoad> loaded)
    {
        var owner = owners[ownerSlot];
        var removed = new HashSet<int>(owner.Slots);
        var touchedTerms = new HashSet<int>();
        foreach (var slot in owner.Slots)
        {
            touchedTerms.UnionWith(contacts[slot].Terms);
            foreach (var key in contacts[slot].PersonKeys)
            {
                keyHolders[key].Remove(ownerSlot);
            }
        }

        foreach (var term in touchedTerms)
        {
            postings[term].RemoveAll(removed.Contains);
        }

        foreach (var slot in owner.Slots)
        {
            contacts[slot] = default;
            freeSlots.Push(slot);
            ContactCount--;
        }

        owner.Slots.Clear();
        var added = new Dictionary<int, List<int>>();
        foreach (var contact in loaded)
        {
            var slot = Place(contact);
            foreach (var term in contacts[slot].Terms)
            {
                ListUnder(added, term).Add(slot);
            }

            foreach (var key in contacts[slot].PersonKeys)
            {
                keyHolders[key].Add(ownerSlot);
            }
        }

        foreach (var (term, slots) in added)
        {
            slots.Sort(Stronger);
            postings[term] = Merge(postings[term], slots);
        }
    }

    private List<int> Merge(List<int> kept, List<int> added)
    {
        var merged = new List<int>(kept.Count + added.Count);
        var (i, j) = (0, 0);
        while (i < kept.Count && j < added.Count)
        {
            merged.Add(Stronger(kept[i], added[j]) <= 0 ? kept[i++] : added[j++]);
        }

        for (; i < kept.Count; i++)
        {
            merged.Add(kept[i]);
        }

        for (; j < added.Count; j++)
        {
            merged.Add(added[j]);
        }

        return merged;
    }

    private int Place(ContactLoad contact)
    {
        int slot;
        if (freeSlots.Count > 0)
        {
            slot = freeSlots.Pop();
        }
        else
        {
            if (slotCount == contacts.Length)
            {
                Array.Resize(ref contacts, contacts.Length * 2);
            }

            slot = slotCount++;
        }

        var ownerSlot = OwnerSlot(contact.OwnerId);
        var terms = contact.Terms.Select(TermId).ToList();
        if (contact.OrganizationId is { } organization)
        {
            if (!organizationPostings.TryGetValue(organization, out var organizationTerm))
            {
                organizationPostings[organization] = organizationTerm = TermId(OrganizationTerm(organization));
            }

            terms.Add(organizationTerm);
        }

        var termArray = terms.Distinct().ToArray();
        Array.Sort(termArray);
        contacts[slot] = new IndexedContact
        {
            Id = contact.Id,
            OrganizationId = contact.OrganizationId ?? Guid.Empty,
            Owner = ownerSlot,
            LastContactedDay = contact.LastContactedOn?.DayNumber ?? -1,
            Visibility = (byte)contact.Visibility,
            Depth = (byte)Math.Clamp(contact.Depth, 0, byte.MaxValue),
            OpenTo = (byte)contact.OpenTo,
            DisplayName = contact.DisplayName,
            Title = Intern(contact.Title),
            CompanyName = Intern(contact.CompanyName),
            Terms = termArray,
            PersonKeys = contact.PersonKeys.Count == 0 ? None : [.. contact.PersonKeys.Distinct().Select(KeyId)],
            InteractionDays = contact.Interactions.Count == 0 ? None : [.. contact.Interactions.Select(d => d.DayNumber)],
        };
        owners[ownerSlot].Slots.Add(slot);
        ContactCount++;
        return slot;
    }

    /// <summary>The id of a key whose lists are numbered like the keys: a new key gets the next id and an empty list.</summary>
    private static int Numbered<TKey, TItem>(Dictionary<TKey, int> ids, List<List<TItem>> lists, TKey key)
        where TKey : notnull
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = lists.Count;
            lists.Add([]);
            ids.Add(key, id);
        }

        return id;
    }

    private int TermId(string term) => Numbered(termIds, postings, term);

    private int KeyId(Guid key) => Numbered(keyIds, keyHolders, key);

    /// <summary>Titles, company names and departments repeat across contacts: one string each while loading.</summary>
    private string? Intern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!interned.TryGetValue(value, out var kept))
        {
            interned[value] = kept = value;
        }

        return kept;
    }

    private static string OrganizationTerm(Guid organization) => OrganizationTermPrefix + organization.ToString("N");
}

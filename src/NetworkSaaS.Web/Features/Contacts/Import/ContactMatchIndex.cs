using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Web.Features.Contacts.Import;

/// <summary>
/// Recognises a person already in one owner's network (or earlier in the same file) by vCard UID, then any email,
/// then any phone (E.164), then name + company. This is why importing the same file twice creates nothing new.
/// </summary>
public sealed class ContactMatchIndex
{
    private readonly Dictionary<string, Guid> _keys = new(StringComparer.Ordinal);
    private readonly string _region;

    private ContactMatchIndex(string region) => _region = region;

    public static async Task<ContactMatchIndex> LoadAsync(AppDbContext db, Guid ownerId, ITenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var index = new ContactMatchIndex(PhoneNumberForms.RegionOf(tenant));
        var existing = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId)
            .Select(c => new { c.Id, c.VCardUid, c.Emails, c.PhonesE164, c.DisplayName, c.CompanyName })
            .ToListAsync(cancellationToken);
        foreach (var c in existing)
        {
            index.Add(c.Id, c.VCardUid, c.Emails, c.PhonesE164, c.DisplayName, c.CompanyName);
        }

        return index;
    }

    public Guid? Find(ImportedContact row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var key in KeysOf(row))
        {
            if (_keys.TryGetValue(key, out var id))
            {
                return id;
            }
        }

        return null;
    }

    public void Add(Guid id, ImportedContact row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var key in KeysOf(row))
        {
            _keys.TryAdd(key, id);
        }
    }

    private void Add(Guid id, string? uid, IEnumerable<string> emails, IEnumerable<string> phonesE164, string displayName, string? company)
    {
        foreach (var key in Keys(uid, emails, phonesE164, displayName, company))
        {
            _keys.TryAdd(key, id);
        }
    }

    private IEnumerable<string> KeysOf(ImportedContact row) => Keys(
        row.VCardUid,
        row.Emails.Select(e => e.ToLowerInvariant()),
        row.Phones.Select(p => PhoneNumberForms.ToE164(p, _region)).OfType<string>(),
        ContactNames.Display(row.FamilyName, row.GivenName),
        row.CompanyName);

    private static IEnumerable<string> Keys(string? uid, IEnumerable<string> emails, IEnumerable<string> phonesE164, string displayName, string? company)
    {
        if (!string.IsNullOrEmpty(uid))
        {
            yield return "uid:" + uid;
        }

        foreach (var email in emails)
        {
            yield return "email:" + email;
        }

        foreach (var phone in phonesE164)
        {
            yield return "tel:" + phone;
        }

        var name = ContactNames.MatchKey(displayName);
        if (name.Length > 0 && !string.IsNullOrWhiteSpace(company))
        {
            yield return $"name:{name}|{OrganizationNames.Normalize(company)}";
        }
    }
}

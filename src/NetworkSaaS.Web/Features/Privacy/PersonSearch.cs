using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>What a privacy request says about the person: any of the three may be empty.</summary>
public sealed record PersonQuery(string? Email, string? Phone, string? Name)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Name);

    /// <summary>For the audit log: which identifiers were searched, never their values.</summary>
    public string Describe() => string.Join('+', new[]
    {
        string.IsNullOrWhiteSpace(Email) ? null : "email",
        string.IsNullOrWhiteSpace(Phone) ? null : "phone",
        string.IsNullOrWhiteSpace(Name) ? null : "name",
    }.OfType<string>());
}

/// <summary>
/// Finds one person among every owner's contacts, Private ones included (only privacy handlers call this): by email
/// (case-insensitive), by phone in E.164 however it is written, or by full name in either order, written in kanji,
/// Latin letters or as a kana reading (katakana and hiragana match each other; spaces and width do not matter).
/// </summary>
public sealed class PersonSearch(AppDbContext db, ITenantContextAccessor tenantContext)
{
    public async Task<IReadOnlyList<Guid>> FindAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new HashSet<Guid>();
        var email = query.Email?.Trim().ToLowerInvariant() ?? "";
        var phone = string.IsNullOrWhiteSpace(query.Phone) ? null : PhoneNumberForms.ToE164(query.Phone, PhoneNumberForms.RegionOf(tenantContext.Tenant!));
        if (email.Length > 0 || phone is not null)
        {
            found.UnionWith(await db.Contacts.AsNoTracking()
                .Where(c => (email.Length > 0 && c.Emails.Contains(email)) || (phone != null && c.PhonesE164.Contains(phone)))
                .Select(c => c.Id).ToListAsync(cancellationToken));
        }

        var name = ContactNames.MatchKey(query.Name ?? "");
        if (name.Length > 0)
        {
            // Names are compared folded (kana, width, case, spacing), which the database cannot index under row-level
            // security: the names alone are read, once, for this rare and audited search.
            var names = db.Contacts.AsNoTracking()
                .Select(c => new { c.Id, c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana })
                .AsAsyncEnumerable();
            await foreach (var c in names.WithCancellation(cancellationToken))
            {
                if (NameKeys(c.FamilyName, c.GivenName).Concat(NameKeys(c.FamilyNameKana, c.GivenNameKana)).Contains(name, StringComparer.Ordinal))
                {
                    found.Add(c.Id);
                }
            }
        }

        return [.. found];
    }

    private static IEnumerable<string> NameKeys(string? family, string? given)
    {
        if (string.IsNullOrWhiteSpace(family) && string.IsNullOrWhiteSpace(given))
        {
            yield break;
        }

        yield return ContactNames.MatchKey($"{family} {given}");
        yield return ContactNames.MatchKey($"{given} {family}");
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>
/// People erased at their request, as keyed hashes of their email addresses (lowercased) and phone numbers (E.164, as
/// the contacts store them): an import or a manual add of the same person is skipped, however the phone is written.
/// </summary>
public sealed class SuppressionList(AppDbContext db, SuppressionKeys keys, ITenantContextAccessor tenantContext, TimeProvider clock)
{
    /// <summary>Adds every email and phone of the erased person; entries already there stay as they are.</summary>
    public async Task AddAsync(IEnumerable<string> emails, IEnumerable<string> phones, Guid requestId, CancellationToken cancellationToken)
    {
        var hashes = await HashesAsync(emails, phones, cancellationToken);
        var tenantId = tenantContext.Tenant!.Id;
        var now = clock.GetUtcNow();
        foreach (var hash in hashes)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO privacy_suppressions (tenant_id, id, key_hash, request_id, created_at)
                VALUES ({tenantId}, {Guid.CreateVersion7()}, {hash}, {requestId}, {now})
                ON CONFLICT (tenant_id, key_hash) DO NOTHING
                """, cancellationToken);
        }
    }

    /// <summary>Which of <paramref name="people"/> (by position) were erased: one query for the whole list.</summary>
    public async Task<IReadOnlySet<int>> SuppressedAsync(IReadOnlyList<(IEnumerable<string> Emails, IEnumerable<string> Phones)> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        // A company that never erased anyone needs no key (and gets none made by its imports).
        if (people.Count == 0 || !await db.PrivacySuppressions.AnyAsync(cancellationToken))
        {
            return new HashSet<int>();
        }

        var key = await keys.KeyAsync(cancellationToken);
        var region = PhoneNumberForms.RegionOf(tenantContext.Tenant!);
        var perPerson = people.Select(p => Hashes(key, region, p.Emails, p.Phones)).ToList();
        var all = perPerson.SelectMany(h => h).Distinct(StringComparer.Ordinal).ToArray();
        if (all.Length == 0)
        {
            return new HashSet<int>();
        }

        var tenantId = tenantContext.Tenant!.Id;
        var found = (await db.Database.SqlQuery<string>($"""
            SELECT key_hash AS "Value" FROM privacy_suppressions WHERE tenant_id = {tenantId} AND key_hash = ANY({all})
            """).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return found.Count == 0
            ? new HashSet<int>()
            : Enumerable.Range(0, perPerson.Count).Where(i => perPerson[i].Any(found.Contains)).ToHashSet();
    }

    public async Task<bool> IsSuppressedAsync(IEnumerable<string> emails, IEnumerable<string> phones, CancellationToken cancellationToken) =>
        (await SuppressedAsync([(emails, phones)], cancellationToken)).Count > 0;

    private async Task<IReadOnlyList<string>> HashesAsync(IEnumerable<string> emails, IEnumerable<string> phones, CancellationToken cancellationToken) =>
        Hashes(await keys.KeyAsync(cancellationToken), PhoneNumberForms.RegionOf(tenantContext.Tenant!), emails, phones);

    private static List<string> Hashes(byte[] key, string region, IEnumerable<string> emails, IEnumerable<string> phones) =>
    [
        .. emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Select(e => "e:" + e)
            .Concat(phones.Select(p => PhoneNumberForms.ToE164(p, region)).OfType<string>().Select(p => "p:" + p))
            .Distinct(StringComparer.Ordinal)
            .Select(value => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)))),
    ];
}

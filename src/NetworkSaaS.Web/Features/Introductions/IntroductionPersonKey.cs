using System.Security.Cryptography;
using System.Text;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>
/// One key per person, so two colleagues' records of the same person share it: a SHA-256 of the tenant and the
/// contact's first email (lower case, ordinal order), else its first phone in E.164. Only the hash is stored on the
/// request (no contact detail outlives the contact there). The PersonKeysAndExpertiseTerms migration computes the
/// same value in SQL for requests made before.
/// </summary>
public static class IntroductionPersonKey
{
    public const int Length = 64;

    /// <summary>Null when the contact has neither email nor phone: then only the contact itself identifies the person.</summary>
    public static string? For(Guid tenantId, IEnumerable<string> emails, IEnumerable<string> phonesE164)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(phonesE164);
        var identity = emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Order(StringComparer.Ordinal).Select(e => "e:" + e).FirstOrDefault()
            ?? phonesE164.Where(p => p.Length > 0).Order(StringComparer.Ordinal).Select(p => "p:" + p).FirstOrDefault();
        return identity is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId:D}|{identity}")));
    }
}

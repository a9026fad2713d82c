using System.Buffers.Text;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Accounts.Passkeys;

/// <summary>A passkey as the security page lists it; <see cref="Id"/> is the credential id in base64url (form field).</summary>
public sealed record PasskeyRow(string Id, string? Name, string Created, string? LastUsed);

/// <summary>The signed-in user's passkeys, oldest first, with times in the company's time zone.</summary>
public sealed class PasskeyList(AppDbContext db, ITenantContextAccessor tenantContext)
{
    public const int MaxPerUser = 20;

    public async Task<IReadOnlyList<PasskeyRow>> ForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var zone = TenantClock.Zone(tenantContext.Tenant!.TimeZoneId);
        var rows = await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Data.CreatedAt)
            .Select(p => new { p.CredentialId, p.Data.Name, p.Data.CreatedAt, p.LastUsedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PasskeyRow(Base64Url.EncodeToString(r.CredentialId), r.Name, Local(r.CreatedAt, zone),
            r.LastUsedAt is { } used ? Local(used, zone) : null)).ToList();
    }

    /// <summary>The credential id of a form field, or null when it is not base64url.</summary>
    public static byte[]? ParseId(string? id)
    {
        if (string.IsNullOrEmpty(id) || !Base64Url.IsValid(id))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(id);
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>
/// The company's key for the suppression hashes: 32 random bytes made on first use and stored only encrypted by the
/// app's data protection (purpose bound to the company, so a row copied to another company does not decrypt). Data
/// protection keeps its retired keys for reading, so its own key rotation never loses this key.
/// </summary>
public sealed class SuppressionKeys(AppDbContext db, IDataProtectionProvider dataProtection, ITenantContextAccessor tenantContext, TimeProvider clock)
{
    private const string Purpose = "NetworkSaaS.Privacy.SuppressionKey.v1";
    private byte[]? _key;

    public async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }

        var tenantId = tenantContext.Tenant?.Id ?? throw new InvalidOperationException("No tenant.");
        var protector = dataProtection.CreateProtector(Purpose, tenantId.ToString());
        var stored = await StoredAsync(cancellationToken);
        if (stored is null)
        {
            var fresh = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            // Two first uses at once: one row wins (one key per company) and both read it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO privacy_keys (tenant_id, id, protected_key, created_at)
                VALUES ({tenantId}, {Guid.CreateVersion7()}, {fresh}, {clock.GetUtcNow()})
                ON CONFLICT (tenant_id) DO NOTHING
                """, cancellationToken);
            stored = await StoredAsync(cancellationToken) ?? throw new InvalidOperationException("The suppression key was not stored.");
        }

        _key = Convert.FromBase64String(protector.Unprotect(stored));
        return _key;
    }

    private Task<string?> StoredAsync(CancellationToken cancellationToken) =>
        db.PrivacyKeys.AsNoTracking().Select(k => k.ProtectedKey).FirstOrDefaultAsync(cancellationToken);
}

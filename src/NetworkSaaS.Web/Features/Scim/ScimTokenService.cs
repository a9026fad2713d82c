using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Scim;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// SCIM bearer tokens: <c>scim_{token id}_{secret}</c>. The id names the row (one primary-key read inside the
/// tenant of the path, so another company's token is simply not found); the stored SHA-256 of the whole token is
/// compared in constant time. 256 random bits make a slow hash unnecessary.
/// </summary>
public sealed class ScimTokenService(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string Prefix = "scim_";

    /// <summary>Last-used times are written at most this often, not on every request of a provisioning run.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(ScimToken Token, string Secret)> CreateAsync(string name, DateTimeOffset? expiresAt, Guid? createdBy, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var secret = $"{Prefix}{id:N}_{SecretTokens.NewSecret()}";
        var token = new ScimToken
        {
            Id = id,
            Name = name,
            TokenHash = SecretTokens.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = createdBy,
            ExpiresAt = expiresAt,
        };
        db.ScimTokens.Add(token);
        audit.Record(AuditActions.ScimTokenCreated, name, expiresAt is { } e ? $"expires {e.UtcDateTime:yyyy-MM-dd}" : null);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.ScimTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            audit.Record(AuditActions.ScimTokenRevoked, token.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    public Task<List<ScimToken>> ListAsync(CancellationToken cancellationToken) =>
        db.ScimTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The live token of the current tenant that <paramref name="presented"/> is, or null.</summary>
    public async Task<ScimToken?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length < Prefix.Length + 33
            || presented[Prefix.Length + 32] != '_'
            || !Guid.TryParseExact(presented.AsSpan(Prefix.Length, 32), "N", out var id))
        {
            return null;
        }

        var token = await db.ScimTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsUsableAt(now)
            || !SecretTokens.Matches(presented, token.TokenHash))
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            await db.ScimTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return token;
    }
}

using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// API tokens: <c>nsa_{token id}_{secret}</c>, made the same way as the SCIM tokens (ScimTokenService): the id names the
/// row (one primary-key read inside the tenant of the path, so another company's token is simply not found); the stored
/// SHA-256 of the whole token is compared in constant time.
/// </summary>
public sealed class ApiTokenService(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string Prefix = "nsa_";

    /// <summary>The roles a company token may act with.</summary>
    public static IReadOnlyList<string> CompanyRoles { get; } = [Roles.HR, Roles.Admin];

    /// <summary>Last-used times are written at most this often, not on every request of a sync run.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public Task<(ApiToken Token, string Secret)> CreatePersonalAsync(Guid userId, string name, ApiScopes scopes, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        CreateAsync(new ApiToken { Name = name, Kind = ApiTokenKind.Personal, UserId = userId, Scopes = scopes, TokenHash = "", ExpiresAt = expiresAt, CreatedByUserId = userId },
            cancellationToken);

    public Task<(ApiToken Token, string Secret)> CreateCompanyAsync(string name, string role, ApiScopes scopes, DateTimeOffset? expiresAt, Guid createdBy, CancellationToken cancellationToken)
    {
        if (!CompanyRoles.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "A company token acts with the HR or Admin role.");
        }

        return CreateAsync(new ApiToken { Name = name, Kind = ApiTokenKind.Company, Role = role, Scopes = scopes, TokenHash = "", ExpiresAt = expiresAt, CreatedByUserId = createdBy },
            cancellationToken);
    }

    private async Task<(ApiToken Token, string Secret)> CreateAsync(ApiToken token, CancellationToken cancellationToken)
    {
        if (token.Scopes == ApiScopes.None)
        {
            throw new ArgumentException("A token needs at least one scope.", nameof(token));
        }

        var secret = $"{Prefix}{token.Id:N}_{SecretTokens.NewSecret()}";
        token.TokenHash = SecretTokens.Hash(secret);
        token.CreatedAt = clock.GetUtcNow();
        db.ApiTokens.Add(token);
        audit.Record(AuditActions.ApiTokenCreated, token.Name,
            $"{token.Kind} {token.Role} scopes: {token.Scopes}" + (token.ExpiresAt is { } e ? $", expires {e.UtcDateTime:yyyy-MM-dd}" : ""));
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    /// <summary>Revokes a token of this company: a personal one only for its own user (<paramref name="ownerId"/>), a company one when <paramref name="ownerId"/> is null.</summary>
    public async Task<bool> RevokeAsync(Guid id, Guid? ownerId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(
            t => t.Id == id && (ownerId == null ? t.Kind == ApiTokenKind.Company : t.Kind == ApiTokenKind.Personal && t.UserId == ownerId), cancellationToken);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            audit.Record(AuditActions.ApiTokenRevoked, token.Name, token.Kind.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    public Task<List<ApiToken>> PersonalTokensAsync(Guid userId, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().Where(t => t.Kind == ApiTokenKind.Personal && t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    public Task<List<ApiToken>> CompanyTokensAsync(CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().Where(t => t.Kind == ApiTokenKind.Company)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The live token of the current tenant that <paramref name="presented"/> is, or null.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length < Prefix.Length + 33
            || presented[Prefix.Length + 32] != '_'
            || !Guid.TryParseExact(presented.AsSpan(Prefix.Length, 32), "N", out var id))
        {
            return null;
        }

        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsUsableAt(now)
            || !SecretTokens.Matches(presented, token.TokenHash))
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return token;
    }
}

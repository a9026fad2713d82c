using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Calendar;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// The tokens of the private calendar feeds: <c>{feed id, 32 hex}{secret, 43 base64url}</c>, URL-safe. Only the SHA-256
/// of the token is stored (<see cref="SecretTokens"/>, as for SCIM and API tokens); 256 random bits make a slow hash unnecessary. The id names the
/// row, looked up inside the tenant of the path, so another company's token is simply not found.
/// </summary>
public sealed class CalendarFeedTokens(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    private const int IdLength = 32;

    public Task<CalendarFeed?> FindForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.UserId == userId, cancellationToken);

    /// <summary>A new feed URL token for the user; an earlier one stops working in the same transaction.</summary>
    public async Task<string> IssueAsync(Guid userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var token = $"{id:N}{SecretTokens.NewSecret()}";
        var existing = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        if (existing is not null)
        {
            db.CalendarFeeds.Remove(existing);
            await db.SaveChangesAsync(cancellationToken); // the unique (tenant, user) index: the old row goes first
        }

        db.CalendarFeeds.Add(new CalendarFeed { Id = id, UserId = userId, TokenHash = SecretTokens.Hash(token), CreatedAt = clock.GetUtcNow() });
        audit.Record(AuditActions.CalendarFeedCreated, userId.ToString(), existing is null ? null : "regenerated");
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> RevokeAsync(Guid userId, CancellationToken cancellationToken)
    {
        var existing = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        db.CalendarFeeds.Remove(existing);
        audit.Record(AuditActions.CalendarFeedRevoked, userId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The user of the current tenant whose live feed <paramref name="token"/> opens, or null. Reads only.</summary>
    public async Task<Guid?> UserOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is null || token.Length != IdLength + SecretTokens.SecretLength || !Guid.TryParseExact(token.AsSpan(0, IdLength), "N", out var id))
        {
            return null;
        }

        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is not null
               && SecretTokens.Matches(token, feed.TokenHash)
            ? feed.UserId
            : null;
    }
}

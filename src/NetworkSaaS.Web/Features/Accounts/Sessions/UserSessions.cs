using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Accounts.Sessions;

/// <summary>
/// Server-side sessions: every sign-in makes a row whose id goes into the auth cookie, and a cookie is honoured only
/// while its row is live. Ending a session (sign-out, the security page, a changed password or second factor,
/// deactivation) therefore takes effect at the cookie's next request, wherever the cookie was copied to.
/// </summary>
public sealed class UserSessions(AppDbContext db, TimeProvider clock, IHttpContextAccessor http, AuditLog audit)
{
    public const string ClaimType = "session_id";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan PersistentLifetime = TimeSpan.FromDays(30);

    /// <summary>Last seen is written at most this often, so an active session costs one primary-key read per request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Run on every signed-in request, so as one plain read (<see cref="TenantReads"/>).</summary>
    private const string LiveSessionSql = """
        SELECT last_seen_at FROM user_sessions
        WHERE tenant_id = $1 AND id = $2 AND user_id = $3 AND revoked_at IS NULL AND expires_at > $4
        """;

    /// <summary>
    /// A new session for a sign-in. A <paramref name="refresh"/> (the cookie re-issued after the user changed their
    /// password or second factor) replaces the request's own session: a new id, the same absolute end.
    /// </summary>
    public async Task<UserSession> StartAsync(AppUser user, bool persistent, bool refresh)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var context = http.HttpContext;
        var session = new UserSession
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (persistent ? PersistentLifetime : Lifetime),
            IsPersistent = persistent,
            IpAddress = context?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
            UserAgent = context?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, UserSession.UserAgentMaxLength)] : null,
        };
        if (refresh && CurrentSessionId(user.Id) is { } currentId
                    && await db.UserSessions.FirstOrDefaultAsync(s => s.Id == currentId && s.UserId == user.Id && s.RevokedAt == null).ConfigureAwait(false) is { } current)
        {
            current.RevokedAt = now;
            session.CreatedAt = current.CreatedAt;
            session.ExpiresAt = current.ExpiresAt;
            session.IsPersistent = current.IsPersistent;
        }

        db.UserSessions.Add(session);
        await db.SaveChangesAsync().ConfigureAwait(false);
        return session;
    }

    /// <summary>The cookie check of every request: one primary-key read, and a write at most once a minute.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Guid.TryParse(principal.FindFirstValue(ClaimType), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(new IdentityOptions().ClaimsIdentity.UserIdClaimType), out var userId))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var lastSeen = (await db.ReadAsync(LiveSessionSql,
            [TenantReads.Value(db.CurrentTenantId), TenantReads.Value(sessionId), TenantReads.Value(userId), TenantReads.Value(now)],
            r => (DateTimeOffset?)r.GetFieldValue<DateTimeOffset>(0), cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        if (lastSeen is null)
        {
            return false;
        }

        if (now - lastSeen.Value >= LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The session of the current request, when it belongs to <paramref name="userId"/>.</summary>
    public Guid? CurrentSessionId(Guid userId)
    {
        var user = http.HttpContext?.User;
        return user is not null
               && Guid.TryParse(user.FindFirstValue(new IdentityOptions().ClaimsIdentity.UserIdClaimType), out var signedIn) && signedIn == userId
               && Guid.TryParse(user.FindFirstValue(ClaimType), out var sessionId)
            ? sessionId
            : null;
    }

    public Task<List<UserSession>> LiveSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends one live session of <paramref name="user"/>; false when they have no such session.</summary>
    public async Task<bool> RevokeAsync(AppUser user, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var ended = await db.UserSessions
            .Where(s => s.Id == sessionId && s.UserId == user.Id && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken).ConfigureAwait(false);
        if (ended == 0)
        {
            return false;
        }

        audit.Record(AuditActions.SessionRevoked, user.Email ?? user.Id.ToString(), sessionId.ToString());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Ends every live session of <paramref name="user"/> except <paramref name="except"/> (the device the user is on,
    /// when they stay signed in), at once. Returns how many ended.
    /// </summary>
    public async Task<int> RevokeAllAsync(AppUser user, Guid? except, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var keep = except ?? Guid.Empty;
        var ended = await db.UserSessions
            .Where(s => s.UserId == user.Id && s.Id != keep && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken).ConfigureAwait(false);
        if (ended > 0)
        {
            audit.Record(AuditActions.SessionsRevoked, user.Email ?? user.Id.ToString(), ended.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }

    /// <summary>Sign-out: the request's own session ends on the server, so a copy of the cookie is worthless.</summary>
    public async Task EndCurrentAsync()
    {
        var principal = http.HttpContext?.User;
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(ClaimType), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(new IdentityOptions().ClaimsIdentity.UserIdClaimType), out var userId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now)).ConfigureAwait(false);
    }

    /// <summary>Sessions that ended (revoked or expired) more than <paramref name="keptFor"/> ago are deleted.</summary>
    public Task<int> DeleteEndedAsync(TimeSpan keptFor, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - keptFor;
        return db.UserSessions.Where(s => s.ExpiresAt < before || s.RevokedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}

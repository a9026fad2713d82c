using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>The kinds of email a recipient can stop from a link in the mail, without signing in.</summary>
public enum EmailTopic
{
    StayInTouchDigest = 1,

    /// <summary>The emails of notifications about introductions (requests, answers, reminders, escalations…).</summary>
    Introductions = 2,
}

public sealed record UnsubscribeRequest(Guid TenantId, Guid UserId, EmailTopic Topic);

/// <summary>
/// Sign-in-free unsubscribe links: the link carries a token protected with the app's data protection keys (kept in the
/// database, shared by web and worker processes, old keys kept for reading), naming the tenant, the user and the kind
/// of email. Only our own servers can make one, so the token alone is the authority to stop that one kind of email for
/// that one person, and it never expires (a mail read months later must still be able to stop the next one).
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, EmailOptions options)
{
    public const string PagePath = "notifications/unsubscribe";
    public const string OneClickPath = "notifications/unsubscribe/one-click";

    private readonly IDataProtector _protector = protection.CreateProtector("NetworkSaaS.Email.Unsubscribe.v1");

    public Uri PageFor(ITenantInfo tenant, Guid userId, EmailTopic topic) => Link(tenant, PagePath, userId, topic);

    /// <summary>The RFC 8058 one-click target of the List-Unsubscribe header (a mail program POSTs to it).</summary>
    public Uri OneClickFor(ITenantInfo tenant, Guid userId, EmailTopic topic) => Link(tenant, OneClickPath, userId, topic);

    public UnsubscribeRequest? Read(ITenantInfo tenant, string? token)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(_protector.Unprotect(Base64Url.DecodeFromChars(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = payload.Split('.');
        // A token made for another company is worthless here, exactly like a forged one.
        return parts.Length == 3
               && Guid.TryParse(parts[0], out var tenantId) && tenantId == tenant.Id
               && Guid.TryParse(parts[1], out var userId)
               && Enum.TryParse<EmailTopic>(parts[2], out var topic) && Enum.IsDefined(topic)
            ? new UnsubscribeRequest(tenantId, userId, topic)
            : null;
    }

    private Uri Link(ITenantInfo tenant, string path, Guid userId, EmailTopic topic)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var token = Base64Url.EncodeToString(_protector.Protect(Encoding.UTF8.GetBytes($"{tenant.Id:N}.{userId:N}.{topic}")));
        return new Uri($"{options.BaseUrl.TrimEnd('/')}/{tenant.Slug}/{path}?token={token}");
    }
}

/// <summary>Reads and changes a user's notification settings; a user who never saved any has the defaults.</summary>
public sealed class NotificationSettingsStore(AppDbContext db, TimeProvider clock)
{
    public async Task<NotificationSettings> ReadAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken).ConfigureAwait(false)
        ?? new NotificationSettings { UserId = userId };

    public async Task UpdateAsync(Guid userId, Action<NotificationSettings> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var settings = await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (settings is null)
        {
            settings = new NotificationSettings { UserId = userId };
            db.NotificationSettings.Add(settings);
        }

        change(settings);
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops one kind of email. Returns false when the user does not exist in this company (any more).</summary>
    public async Task<bool> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await UpdateAsync(request.UserId, settings => Stop(settings, request.Topic), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static void Stop(NotificationSettings settings, EmailTopic topic)
    {
        switch (topic)
        {
            case EmailTopic.StayInTouchDigest:
                settings.DigestByEmail = false;
                break;
            case EmailTopic.Introductions:
                settings.IntroductionsByEmail = false;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(topic), topic, null);
        }
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Chat;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// The chat messages themselves, each in its reader's language (their own, else the company's) with a link to act:
/// a test message, and the chat copy of a notification (<see cref="ChatNotifications"/>). Every message goes out
/// through the outgoing delivery queue (<see cref="OutgoingDeliveries"/>), with its retries and address guard.
/// </summary>
public sealed class ChatNotices(
    AppDbContext db,
    ChatTransport transport,
    OutgoingDeliveries deliveries,
    ITenantContextAccessor tenantContext,
    NotificationLabels labels,
    EmailOptions email,
    AuditLog audit,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>The delivery channel of messages composed when they are queued, owned by their <see cref="ChatTarget"/>.</summary>
    public const string Channel = "chat";

    public async Task<bool> SendTestAsync(Guid? owner, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        var target = await db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == owner, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return false;
        }

        var culture = owner is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.Culture).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var message = InCulture(culture ?? tenant.DefaultCulture, () => new ChatMessage(
            l["Test message from NetworkSaaS"],
            l["Messages from {0} will arrive here.", tenant.Name],
            l["Open NetworkSaaS"],
            Link($"/{tenant.Slug}/")));
        var (placeholder, body) = transport.Compose(target, message);
        deliveries.Enqueue(Channel, "chat.test", placeholder, body, target.Id);
        audit.Record(AuditActions.ChatTestSent, ChatTargets.Subject(owner), target.Kind.ToString());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The chat copy of <paramref name="notification"/> for its recipient's own destination; null when there is none, or
    /// the recipient is no longer active (then nothing is sent).
    /// </summary>
    public async Task<(ChatTarget Target, ChatMessage Message)?> ForNotificationAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var tenant = tenantContext.Tenant!;
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notification.UserId && u.IsActive)
            .Select(u => new { u.Culture }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var target = recipient is null
            ? null
            : await db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == notification.UserId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return null;
        }

        var actorName = notification.ActorId is { } actor
            ? (await UserNames.ForAsync(db, [actor], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(actor)
            : null;
        var message = InCulture(recipient!.Culture ?? tenant.DefaultCulture, () =>
        {
            var text = labels.Notification(notification.Kind);
            return new ChatMessage(tenant.Name, actorName is null ? text : $"{actorName}: {text}", l["Open in NetworkSaaS"],
                Link(NotificationLinks.PathOf(tenant.Slug, notification)));
        });
        return (target, message);
    }

    private Uri Link(string path) => new(email.BaseUrl.TrimEnd('/') + path);

    private static T InCulture<T>(string culture, Func<T> make)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return make();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}

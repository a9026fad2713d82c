using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Chat;
using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// In-app notifications: added to the current unit of work, so they exist exactly when the change they announce does.
/// Each one that is mailed gets its row in the email outbox in the same unit of work; <see cref="NotificationEmailTrigger"/>
/// starts the sending once that transaction has committed. The kinds that also go to the recipient's chat
/// (<see cref="ChatNotifications"/>) get their chat delivery queued in the same unit of work (not for the demo seeds,
/// which make their center without the delivery queue).
/// </summary>
public sealed class NotificationCenter(AppDbContext db, TimeProvider clock, OutgoingDeliveries? deliveries = null, ChatOptions? chat = null)
{
    public void Notify(Guid userId, string kind, Guid? introductionId = null, Guid? askId = null, Guid? actorId = null)
    {
        var notification = new Notification
        {
            UserId = userId,
            Kind = kind,
            IntroductionId = introductionId,
            AskId = askId,
            ActorId = actorId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        if (NotificationEmails.IsMailed(kind))
        {
            db.NotificationEmails.Add(new NotificationEmail { NotificationId = notification.Id, CreatedAt = notification.CreatedAt });
        }

        if (deliveries is not null && chat is not null && ChatNotifications.IsSent(kind))
        {
            ChatNotifications.Queue(deliveries, chat, notification);
        }
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
}

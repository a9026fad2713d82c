using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>In-app notifications: added to the current unit of work, so they exist exactly when the change they announce does.</summary>
public sealed class NotificationCenter(AppDbContext db, TimeProvider clock)
{
    public void Notify(Guid userId, string kind, Guid? introductionId = null, Guid? askId = null, Guid? actorId = null) =>
        db.Notifications.Add(new Notification
        {
            UserId = userId,
            Kind = kind,
            IntroductionId = introductionId,
            AskId = askId,
            ActorId = actorId,
            CreatedAt = clock.GetUtcNow(),
        });

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
}

using Hangfire;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Starts a <see cref="NotificationEmailJob"/> for the tenant right after a transaction that added notification emails
/// has committed (see <see cref="AfterCommitTrigger{TOutbox}"/>). If enqueueing fails, the mails wait for the periodic
/// <see cref="NotificationEmailSweep"/>: nothing is lost, only later.
/// </summary>
public sealed partial class NotificationEmailTrigger(IBackgroundJobClient jobs, ILogger<NotificationEmailTrigger> logger)
    : AfterCommitTrigger<NotificationEmail>
{
    protected override void Kick(Guid tenantId, IReadOnlyList<NotificationEmail> committed)
    {
        try
        {
            jobs.Enqueue<NotificationEmailJob>(j => j.RunAsync(tenantId, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnqueueFailed(logger, e, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the notification emails of tenant {TenantId}; the periodic sweep will send them.")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, Guid tenantId);
}

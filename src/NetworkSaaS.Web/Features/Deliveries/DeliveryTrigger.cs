using Hangfire;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>
/// Starts a <see cref="DeliveryJob"/> for each delivery right after the transaction that added it has committed (see
/// <see cref="AfterCommitTrigger{TOutbox}"/>). If enqueueing fails, the periodic <see cref="DeliverySweep"/> sends it.
/// </summary>
public sealed partial class DeliveryTrigger(IBackgroundJobClient jobs, ILogger<DeliveryTrigger> logger) : AfterCommitTrigger<OutgoingDelivery>
{
    protected override void Kick(Guid tenantId, IReadOnlyList<OutgoingDelivery> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        try
        {
            foreach (var delivery in committed)
            {
                var id = delivery.Id;
                jobs.Enqueue<DeliveryJob>(j => j.RunAsync(tenantId, id, CancellationToken.None));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnqueueFailed(logger, e, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue deliveries of tenant {TenantId}; the periodic sweep will send them.")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, Guid tenantId);
}

using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>
/// The enqueue API of outgoing deliveries: adds the outbox row to the caller's unit of work and saves nothing. It is
/// sent only if that unit of work commits (<see cref="DeliveryTrigger"/> starts <see cref="DeliveryJob"/> after the
/// commit); a rolled-back change sends nothing.
/// </summary>
public sealed class OutgoingDeliveries(AppDbContext db, TimeProvider clock)
{
    /// <param name="channel">The <see cref="IDeliveryChannel.Name"/> that prepares each attempt.</param>
    /// <param name="label">What it is, for the delivery log (e.g. the event type).</param>
    /// <param name="target">The absolute URL to POST to (the SSRF guard decides at sending time whether it may be reached).</param>
    /// <param name="body">The request body, sent as is at every attempt.</param>
    /// <param name="ownerId">The sender's row it belongs to (a webhook subscription, a chat connection).</param>
    public OutgoingDelivery Enqueue(string channel, string label, Uri target, string body, Guid? ownerId = null, string contentType = "application/json")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        if (!target.IsAbsoluteUri)
        {
            throw new ArgumentException("A delivery needs an absolute URL.", nameof(target));
        }

        var now = clock.GetUtcNow();
        var delivery = new OutgoingDelivery
        {
            Channel = channel,
            Label = label,
            Target = target.AbsoluteUri,
            Body = body,
            ContentType = contentType,
            OwnerId = ownerId,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        delivery.MessageId = delivery.Id;
        db.OutgoingDeliveries.Add(delivery);
        return delivery;
    }

    /// <summary>
    /// A new delivery of the same message (same body, target and message id, so the receiver can tell it already has
    /// it), with fresh attempts; the original keeps its history in the log. Saved with the caller's unit of work.
    /// </summary>
    public OutgoingDelivery Resend(OutgoingDelivery original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var now = clock.GetUtcNow();
        var copy = new OutgoingDelivery
        {
            MessageId = original.MessageId,
            Channel = original.Channel,
            Label = original.Label,
            Target = original.Target,
            Body = original.Body,
            ContentType = original.ContentType,
            OwnerId = original.OwnerId,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutgoingDeliveries.Add(copy);
        return copy;
    }
}

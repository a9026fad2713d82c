using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>
/// Signs each attempt of a webhook delivery with its subscription's secret and the attempt's time; calls off the
/// deliveries of a subscription that was disabled or deleted since the event.
/// </summary>
public sealed class WebhookChannel(AppDbContext db, WebhookSecrets secrets, TimeProvider clock) : IDeliveryChannel
{
    public const string ChannelName = "webhook";

    public string Name => ChannelName;

    public async Task<bool> PrepareAsync(OutgoingDelivery delivery, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == delivery.OwnerId)
            .Select(s => new { s.IsEnabled, s.ProtectedSecret }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (subscription is not { IsEnabled: true })
        {
            return false;
        }

        var id = WebhookSignature.IdOf(delivery.MessageId);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secrets.Unprotect(subscription.ProtectedSecret), id, timestamp, delivery.Body));
        return true;
    }
}

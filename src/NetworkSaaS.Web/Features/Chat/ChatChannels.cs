using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>Deliveries of channel <see cref="ChatNotices.Channel"/>: composed when queued; at each attempt, the target's real address and token.</summary>
public sealed class ChatDeliveryChannel(AppDbContext db, ChatTransport transport) : IDeliveryChannel
{
    public string Name => ChatNotices.Channel;

    public async Task<bool> PrepareAsync(OutgoingDelivery delivery, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var target = await db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == delivery.OwnerId, cancellationToken).ConfigureAwait(false);
        return target is not null && await transport.AddressAsync(target, request, cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> FailureInSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        SlackWebApi.FailureAsync(response, cancellationToken);
}

/// <summary>
/// The chat copies of notifications (<see cref="ChatNotifications"/>). <see cref="NotificationCenter"/> queues one in
/// the unit of work of the notification, owned by the notification, without reading anything (it is called inside
/// other work, synchronously); the message is composed here, at sending time, for the recipient's destination at that
/// moment and in their language. A recipient without a destination, or deactivated meanwhile, cancels it.
/// </summary>
public sealed class ChatNotificationChannel(AppDbContext db, ChatNotices notices, ChatTransport transport) : IDeliveryChannel
{
    public const string ChannelName = "chat-notification";

    public string Name => ChannelName;

    public async Task<bool> PrepareAsync(OutgoingDelivery delivery, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(request);
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == delivery.OwnerId, cancellationToken).ConfigureAwait(false);
        var composed = notification is null ? null : await notices.ForNotificationAsync(notification, cancellationToken).ConfigureAwait(false);
        if (composed is not { } found)
        {
            return false;
        }

        var (target, message) = found;
        var (_, body) = transport.Compose(target, message);
        request.Content?.Dispose();
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await transport.AddressAsync(target, request, cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> FailureInSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        SlackWebApi.FailureAsync(response, cancellationToken);
}

/// <summary>
/// Slack's Web API (chat.postMessage) answers 200 with <c>{"ok":false,"error":"channel_not_found"}</c> when it did not
/// post; incoming webhooks and Teams answer errors with 4xx and success with plain text or an empty body.
/// </summary>
public static class SlackWebApi
{
    public static async Task<string?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return answer is System.Text.Json.Nodes.JsonObject json && json["ok"] is { } ok && ok.GetValueKind() == System.Text.Json.JsonValueKind.False
                ? $"Slack answered ok=false: {(string?)json["error"] ?? "no error given"}."
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>Which notifications also go to the recipient's chat: introduction requests and the reminders (nudges) about them.</summary>
public static class ChatNotifications
{
    public static bool IsSent(string kind) => kind is NotificationKinds.IntroductionRequested or NotificationKinds.IntroductionNudged;

    /// <summary>Queues the chat copy of a notification in the caller's unit of work (see <see cref="ChatNotificationChannel"/>).</summary>
    public static void Queue(OutgoingDeliveries deliveries, ChatOptions options, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notification);
        deliveries.Enqueue(ChatNotificationChannel.ChannelName, "chat." + notification.Kind, options.SlackApiBaseUrl, "{}", notification.Id);
    }
}

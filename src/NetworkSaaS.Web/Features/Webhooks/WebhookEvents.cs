using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>
/// Raises a webhook event where the change happens: one delivery per enabled subscription to the event, added to the
/// caller's unit of work (sent only if it commits). The body is the Standard Webhooks payload
/// {"type", "timestamp", "data"}; data carries ids and what an Admin may see (<see cref="WebhookPayloads"/>), never a
/// person's contact details or free text.
/// </summary>
public sealed class WebhookEvents(AppDbContext db, OutgoingDeliveries deliveries, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The tenant's enabled subscriptions, read once per unit of work (a bulk change raises many events).</summary>
    private List<(Guid Id, string Url, List<string> Events)>? _subscriptions;

    public async Task RaiseAsync(string type, object data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(data);
        _subscriptions ??= (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsEnabled)
                .Select(s => new { s.Id, s.Url, s.Events }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(s => (s.Id, s.Url, s.Events)).ToList();
        var body = JsonSerializer.Serialize(new WebhookMessage(type, clock.GetUtcNow(), data), Json);
        foreach (var subscription in _subscriptions.Where(s => s.Events.Contains(type)))
        {
            deliveries.Enqueue(WebhookChannel.ChannelName, type, new Uri(subscription.Url), body, subscription.Id);
        }
    }

    private sealed record WebhookMessage(string Type, DateTimeOffset Timestamp, object Data);
}

/// <summary>What each event's data holds: ids and states only. Written out per event so nothing is added by accident.</summary>
public static class WebhookPayloads
{
    public static object Introduction(IntroductionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new
        {
            IntroductionId = request.Id,
            request.State,
            request.Purpose,
            request.Outcome,
            request.RequesterId,
            request.ConnectorId,
            request.AskId,
            request.OrganizationId,
        };
    }

    public static object Ask(Ask ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        return new { AskId = ask.Id, ask.AuthorId, ask.Purpose, ask.IsPosition, ask.OrganizationId, ask.DepartmentId };
    }

    public static object AskAnswered(Guid askId, Guid introductionId, Guid connectorId) => new { AskId = askId, IntroductionId = introductionId, ConnectorId = connectorId };

    /// <summary>Only for a contact that is Shared (colleagues see it); even then no name or address: the receiver asks the API.</summary>
    public static object ContactShared(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new { ContactId = contact.Id, contact.OwnerId, contact.OrganizationId };
    }

    public static object ExportReady(Guid exportId, Guid ownerId) => new { ExportId = exportId, OwnerId = ownerId };

    public static object UserDeactivated(Guid userId) => new { UserId = userId };
}

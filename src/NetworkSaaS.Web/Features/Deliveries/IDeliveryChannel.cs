using NetworkSaaS.Core.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>
/// A sender of outgoing deliveries (webhooks, Slack, Teams): named by <see cref="OutgoingDelivery.Channel"/>, it adds
/// what each attempt needs at the moment of sending (a signature with the attempt's timestamp, an Authorization header
/// from a secret kept in its own table) and may call off a delivery its owner no longer wants. Registered in DI as
/// IDeliveryChannel (scoped: it may read the tenant's data).
/// </summary>
public interface IDeliveryChannel
{
    string Name { get; }

    /// <returns>False to cancel the delivery instead of sending it (its owner was disabled or deleted meanwhile).</returns>
    Task<bool> PrepareAsync(OutgoingDelivery delivery, HttpRequestMessage request, CancellationToken cancellationToken);

    /// <returns>
    /// Why a 2xx answer is still a failed attempt for this channel, or null when it is delivered. Slack's Web API answers
    /// errors (an unknown channel, a revoked token) with 200 and <c>{"ok":false,"error":…}</c>.
    /// </returns>
    Task<string?> FailureInSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

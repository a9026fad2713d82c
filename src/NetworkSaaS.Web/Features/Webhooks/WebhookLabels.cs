using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Webhooks;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>The webhook pages' words for event types and delivery states, in the reader's language.</summary>
public sealed class WebhookLabels(IStringLocalizer<SharedResource> l)
{
    public string Event(string type) => type switch
    {
        WebhookEventTypes.IntroductionRequested => l["Introduction requested"],
        WebhookEventTypes.IntroductionAccepted => l["Introduction accepted"],
        WebhookEventTypes.IntroductionDeclined => l["Introduction declined"],
        WebhookEventTypes.IntroductionIntroduced => l["Introduction made"],
        WebhookEventTypes.IntroductionOutcome => l["Introduction outcome recorded"],
        WebhookEventTypes.AskPosted => l["Ask posted"],
        WebhookEventTypes.AskAnswered => l["Ask answered"],
        WebhookEventTypes.ContactShared => l["Contact shared"],
        WebhookEventTypes.ExportReady => l["Export ready"],
        WebhookEventTypes.UserDeactivated => l["User deactivated"],
        _ => type,
    };

    public string State(DeliveryState state) => state switch
    {
        DeliveryState.Pending => l["Waiting to be sent"],
        DeliveryState.Delivered => l["Delivered"],
        DeliveryState.Failed => l["Failed"],
        DeliveryState.Cancelled => l["Cancelled"],
        _ => state.ToString(),
    };
}

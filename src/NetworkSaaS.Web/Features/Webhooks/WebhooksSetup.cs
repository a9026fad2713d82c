using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Webhooks;

public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookEvents>();
        services.AddScoped<WebhookLabels>();
        services.AddScoped<IDeliveryChannel, WebhookChannel>();
        return services;
    }
}

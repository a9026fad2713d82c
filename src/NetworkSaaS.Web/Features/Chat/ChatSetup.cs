using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Web.Features.Chat;

public static class ChatSetup
{
    public const string Section = "Chat";

    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration.GetSection(Section).Get<ChatOptions>() ?? new ChatOptions());
        services.AddSingleton<ChatSecrets>();
        services.AddHttpClient(SlackDirectory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<SlackDirectory>();
        services.AddScoped<ChatTargets>();
        services.AddScoped<ChatTransport>();
        services.AddScoped<ChatNotices>();
        services.AddScoped<IDeliveryChannel, ChatDeliveryChannel>();
        services.AddScoped<IDeliveryChannel, ChatNotificationChannel>();
        services.AddScoped<AsksDigestDispatcher>();
        services.AddScoped<AsksDigestJob>();
        return services;
    }
}

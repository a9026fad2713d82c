namespace NetworkSaaS.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NotificationLabels>();
        services.AddScoped<DigestEmails>();
        services.AddScoped<NotificationSettingsStore>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<StayInTouchDigestDispatcher>();
        services.AddScoped<StayInTouchDigestJob>();
        services.AddScoped<StayInTouchDigestBatchJob>();
        services.AddScoped<DigestEmailJob>();
        services.AddScoped<DigestDeliveryCleanupJob>();
        services.AddScoped<NotificationEmails>();
        services.AddScoped<NotificationEmailJob>();
        services.AddScoped<NotificationEmailSweep>();
        services.AddSingleton<NotificationEmailTrigger>();
        return services;
    }
}

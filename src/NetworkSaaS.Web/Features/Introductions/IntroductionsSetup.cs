using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Introductions;

public static class IntroductionsSetup
{
    public static IServiceCollection AddIntroductions(this IServiceCollection services)
    {
        services.AddScoped<NotificationCenter>();
        services.AddScoped<IntroductionLabels>();
        services.AddScoped<IntroductionService>();
        services.AddScoped<IntroductionViews>();
        services.AddScoped<Asks.AskBoard>();
        services.AddScoped<Reminders.IntroductionEscalation>();
        services.AddScoped<Reminders.IntroductionReminderDispatcher>();
        services.AddScoped<Reminders.IntroductionReminderJob>();
        services.AddSingleton<Seeds.IDemoIntroductionWriter, DemoIntroductionWriter>();
        return services;
    }
}

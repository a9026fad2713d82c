namespace NetworkSaaS.Web.Features.Calendar;

public static class CalendarSetup
{
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services)
    {
        services.AddScoped<CalendarFeedTokens>();
        services.AddScoped<CalendarFeedContent>();
        return services;
    }
}

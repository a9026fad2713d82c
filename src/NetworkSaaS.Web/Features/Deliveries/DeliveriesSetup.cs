namespace NetworkSaaS.Web.Features.Deliveries;

public static class DeliveriesSetup
{
    public const string Section = "Deliveries";

    public static IServiceCollection AddDeliveries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration.GetSection(Section).Get<DeliveryOptions>() ?? new DeliveryOptions());
        services.AddSingleton<GuardedHttpClient>();
        services.AddSingleton<DeliveryTrigger>();
        services.AddScoped<OutgoingDeliveries>();
        services.AddScoped<DeliveryJob>();
        services.AddScoped<DeliverySweep>();
        return services;
    }
}

namespace NetworkSaaS.Web.Features.Handover;

public static class HandoverSetup
{
    public static IServiceCollection AddHandover(this IServiceCollection services)
    {
        services.AddScoped<Successors>();
        services.AddScoped<LeaverHandovers>();
        services.AddScoped<LeaverContactDeletionSweep>();
        services.AddScoped<LeaverContactDeletionJob>();
        return services;
    }
}

namespace NetworkSaaS.Web.Features.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PrivacyAccess>();
        services.AddScoped<PrivacyLabels>();
        services.AddScoped<SuppressionKeys>();
        services.AddScoped<SuppressionList>();
        services.AddScoped<PersonSearch>();
        services.AddScoped<PersonRecords>();
        services.AddScoped<PersonActions>();
        return services;
    }
}

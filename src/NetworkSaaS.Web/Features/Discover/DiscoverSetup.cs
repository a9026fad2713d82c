namespace NetworkSaaS.Web.Features.Discover;

public static class DiscoverSetup
{
    public static IServiceCollection AddDiscover(this IServiceCollection services)
    {
        services.AddScoped<DiscoverySearch>();
        services.AddScoped<AccountCoverage>();
        services.AddScoped<ColleagueExpertise>();
        services.AddScoped<Companies.IndustryLabels>();
        return services;
    }
}

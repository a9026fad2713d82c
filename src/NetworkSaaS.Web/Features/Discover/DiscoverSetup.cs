namespace NetworkSaaS.Web.Features.Discover;

public static class DiscoverSetup
{
    public static IServiceCollection AddDiscover(this IServiceCollection services)
    {
        services.AddOptions<DiscoveryIndexOptions>().BindConfiguration("Discover:Index");
        services.AddSingleton<DiscoveryIndexCache>();
        services.AddScoped<DiscoveryIndexSource>();
        services.AddScoped<DiscoverySearch>();
        services.AddScoped<AccountCoverage>();
        services.AddScoped<ColleagueExpertise>();
        services.AddScoped<Companies.IndustryLabels>();
        return services;
    }
}

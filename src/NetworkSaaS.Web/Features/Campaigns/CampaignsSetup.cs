namespace NetworkSaaS.Web.Features.Campaigns;

public static class CampaignsSetup
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddScoped<CampaignLabels>();
        services.AddScoped<GreetingLists>();
        services.AddScoped<TransferChecks>();
        services.AddScoped<SeasonalCampaignDispatcher>();
        services.AddScoped<SeasonalCampaignJob>();
        return services;
    }
}

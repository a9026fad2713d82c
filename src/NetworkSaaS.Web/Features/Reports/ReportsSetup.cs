namespace NetworkSaaS.Web.Features.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportAccess>();
        services.AddScoped<ReportFilters>();
        services.AddScoped<ReportLabels>();
        services.AddScoped<IntroductionReport>();
        services.AddScoped<NetworkHealthReport>();
        return services;
    }
}

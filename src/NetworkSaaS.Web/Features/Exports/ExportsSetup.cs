using NetworkSaaS.Web.Features.Exports.Contacts;
using NetworkSaaS.Web.Features.Exports.HrReview;

namespace NetworkSaaS.Web.Features.Exports;

public static class ExportsSetup
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddScoped<ExportAccess>();
        services.AddScoped<ExportLabels>();
        services.AddScoped<ExportRequests>();
        services.AddScoped<ExportStore>();
        services.AddScoped<ExportJob>();
        services.AddScoped<ExportCleanupJob>();
        services.AddScoped<IExportWriter, ContactExportWriter>();
        services.AddScoped<HrReviewLabels>();
        services.AddScoped<HrReviewQuery>();
        services.AddScoped<HrReviewWorkbook>();
        services.AddScoped<IExportWriter, HrReviewExportWriter>();
        return services;
    }
}

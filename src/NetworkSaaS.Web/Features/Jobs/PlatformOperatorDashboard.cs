using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>/ops/… is for platform operators (named in settings). Everyone else, signed in or not, gets 404.</summary>
public static class PlatformOperatorDashboard
{
    public const string OpsPath = "/ops";

    public static void UsePlatformOperatorDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var platform = app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(OpsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                if (!platform.IsOperator(context.User))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context).ConfigureAwait(false);
            }));
        app.UseHangfireDashboard(
            OpsPath + "/jobs",
            new DashboardOptions
            {
                DashboardTitle = "NetworkSaaS jobs",
                AppPath = "/",
                Authorization = [new OperatorOnly(platform)],
            },
            app.Services.GetRequiredService<JobStorage>());
    }

    private sealed class OperatorOnly(PlatformOptions platform) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => platform.IsOperator(context.GetHttpContext().User);
    }
}

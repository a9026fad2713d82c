using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using NetworkSaaS.Web.Features.Ops;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// The Hangfire dashboard at /ops/jobs, for signed-in platform operators only (their own cookie scheme, password and
/// authenticator code). Anyone else, whatever tenant cookie they carry, is sent to /ops/login.
/// </summary>
public static class PlatformOperatorDashboard
{
    public const string OpsPath = "/ops";
    public const string JobsPath = OpsPath + "/jobs";

    /// <summary>The dashboard needs its own inline script and style; it may still never be framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UsePlatformOperatorDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(JobsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                var result = await context.AuthenticateAsync(OperatorAuthentication.Scheme).ConfigureAwait(false);
                if (!OperatorAuthentication.IsSignedIn(result.Principal))
                {
                    await context.ChallengeAsync(OperatorAuthentication.Scheme).ConfigureAwait(false);
                    return;
                }

                context.User = result.Principal!;
                await next(context).ConfigureAwait(false);
            }));
        app.UseHangfireDashboard(
            JobsPath,
            new DashboardOptions
            {
                DashboardTitle = "NetworkSaaS jobs",
                AppPath = OpsPath + "/tenants",
                Authorization = [new OperatorOnly()],
            },
            app.Services.GetRequiredService<JobStorage>());
    }

    private sealed class OperatorOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => OperatorAuthentication.IsSignedIn(context.GetHttpContext().User);
    }
}

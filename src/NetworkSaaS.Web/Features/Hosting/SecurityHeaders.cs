namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only this site's own scripts, styles and
/// forms (no inline script or style anywhere in the app); the Hangfire dashboard under /ops uses inline scripts and
/// is exempt from the CSP (it is reachable by platform operators only).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!context.Request.Path.StartsWithSegments(Jobs.PlatformOperatorDashboard.OpsPath + "/jobs", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            await next(context).ConfigureAwait(false);
        });
}

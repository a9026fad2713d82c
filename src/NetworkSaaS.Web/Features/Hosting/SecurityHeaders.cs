using Microsoft.Net.Http.Headers;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only this site's own scripts, styles and
/// forms (no inline script or style anywhere in the app); the Hangfire dashboard at /ops/jobs needs inline script and
/// style and gets its own policy, which still forbids framing. Every download (a response with Content-Disposition:
/// exports, vCard/CSV files, label lists) carries personal data and is never stored by a browser or proxy cache.
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
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Jobs.PlatformOperatorDashboard.JobsPath, StringComparison.OrdinalIgnoreCase)
                ? Jobs.PlatformOperatorDashboard.ContentSecurityPolicy
                : ContentSecurityPolicy;
            context.Response.OnStarting(() =>
            {
                if (headers.ContainsKey(HeaderNames.ContentDisposition))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
}

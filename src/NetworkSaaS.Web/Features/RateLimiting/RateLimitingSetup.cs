using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter with fixed windows, per IP address and per account or company. A refused request gets
/// 429 with Retry-After and the localized error page. The policies that protect accounts (<see cref="RateLimitPolicies.Shared"/>)
/// count in PostgreSQL, so they hold across every web process; imports and SCIM count in this process (see the runbook).
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration, SharedRateLimitCounters shared)
    {
        var limits = new RateLimitOptions();
        configuration.GetSection("RateLimits").Bind(limits);
        services.AddSingleton(limits);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // A directory reads SCIM's error format, not the HTML error page.
                if (PolicyOf(context.HttpContext) == RateLimitPolicies.Scim)
                {
                    context.HttpContext.Response.ContentType = Scim.ScimSchemas.MediaType;
                    await context.HttpContext.Response.WriteAsync(
                        Scim.ScimException.Body(StatusCodes.Status429TooManyRequests, null, "Too many requests: retry after the Retry-After header's seconds.").ToJsonString(),
                        cancellationToken);
                }
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PolicyOf(context) is { } policy
                    ? Window(shared, policy, "ip", context.Connection.RemoteIpAddress?.ToString() ?? "", limits.For(policy).PerAddress, limits.For(policy).Window)
                    : RateLimitPartition.GetNoLimiter(""));
            foreach (var policy in RateLimitPolicies.All)
            {
                options.AddPolicy(policy, context =>
                    HttpMethods.IsPost(context.Request.Method) || policy is RateLimitPolicies.Scim or RateLimitPolicies.CalendarFeed
                        ? Window(shared, policy, "account", AccountKey(policy, context), limits.For(policy).PerAccount, limits.For(policy).Window)
                        : RateLimitPartition.GetNoLimiter(""));
            }
        });
        return services;
    }

    /// <summary>
    /// Before the limiter: the sign-in, forgot-password and sign-up forms are read (and kept for the page) so the
    /// account partition can use the email typed. The limiter's partitioners cannot await.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (PolicyOf(context) is RateLimitPolicies.SignIn or RateLimitPolicies.ForgotPassword or RateLimitPolicies.SignUp && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static string? PolicyOf(HttpContext context)
    {
        var named = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (named is RateLimitPolicies.Scim or RateLimitPolicies.CalendarFeed)
        {
            return named;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return null;
        }

        return named
               ?? (context.Request.Path.Value?.EndsWith(RateLimitPolicies.MfaPathSuffix, StringComparison.OrdinalIgnoreCase) == true ? RateLimitPolicies.Mfa : null);
    }

    /// <summary>A shared policy's partition counts in PostgreSQL under a hash of its value; the others in this process.</summary>
    private static RateLimitPartition<string> Window(SharedRateLimitCounters shared, string policy, string kind, string value, int permits, TimeSpan window)
    {
        if (RateLimitPolicies.Shared.Contains(policy))
        {
            var key = $"{policy}|{kind}|{Hash(value)}";
            return RateLimitPartition.Get(key, k => new SharedFixedWindowLimiter(shared, k, permits, window));
        }

        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{kind}|{value}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The account a request is about: the email typed, the sign-in in progress, or the company.</summary>
    private static string AccountKey(string policy, HttpContext context)
    {
        var tenant = context.GetRouteValue(TenantResolutionMiddleware.RouteKey) as string ?? "";
        return policy switch
        {
            RateLimitPolicies.SignIn => $"{tenant}|{FormValue(context, "Input.Email")}",
            RateLimitPolicies.ForgotPassword => $"{tenant}|{FormValue(context, "Email")}",
            RateLimitPolicies.SignUp => FormValue(context, "Input.Email"),
            // The half-finished sign-in: Identity's two-factor cookie (hashed; it is a bearer secret) or the signed-in user.
            RateLimitPolicies.Mfa => $"{tenant}|{Hash(context.Request.Cookies[".AspNetCore." + IdentityConstants.TwoFactorUserIdScheme] ?? context.User.Identity?.Name ?? "")}",
            RateLimitPolicies.CalendarFeed => $"{tenant}|{Hash(context.Request.Query["token"].ToString())}",
            RateLimitPolicies.BusinessCard => $"{tenant}|{context.GetRouteValue(Cards.CardModel.AddressRouteKey)}",
            _ => tenant,
        };
    }

    private static string FormValue(HttpContext context, string field) =>
        context.Request.HasFormContentType && context.Request.Form.TryGetValue(field, out var value)
            ? value.ToString().Trim().ToUpperInvariant()
            : "";

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

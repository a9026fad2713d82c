using System.Globalization;
using System.Security.Claims;
using NetworkSaaS.Web.Features.RateLimiting;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// Requests per token and window (RateLimits:Api, default 600 a minute), counted in PostgreSQL (SharedRateLimitCounters),
/// so the limit holds across every web process. Every answer carries the IETF RateLimit headers
/// (<c>RateLimit-Policy: "token";q=600;w=60</c> and <c>RateLimit: "token";r=599;t=42</c>); over the limit: 429 with Retry-After.
/// </summary>
public static class ApiRateLimit
{
    public const string PolicyName = "token";

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.FindFirstValue(ApiAuthenticationHandler.TokenIdClaim) is not { } tokenId)
        {
            return await next(context);
        }

        var limits = http.RequestServices.GetRequiredService<RateLimitOptions>().Api;
        var counters = http.RequestServices.GetRequiredService<SharedRateLimitCounters>();
        var (count, remaining) = await counters.CountAsync($"api|token|{tokenId}", limits.Window, http.RequestAborted);
        var reset = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Policy"] = $"\"{PolicyName}\";q={limits.PerAccount};w={(int)limits.Window.TotalSeconds}";
        http.Response.Headers["RateLimit"] = $"\"{PolicyName}\";r={Math.Max(0, limits.PerAccount - count)};t={reset}";
        if (count > limits.PerAccount)
        {
            http.Response.Headers.RetryAfter = reset;
            return ApiProblem.Result(StatusCodes.Status429TooManyRequests, $"This token may make {limits.PerAccount} requests per {(int)limits.Window.TotalSeconds} seconds.");
        }

        return await next(context);
    }
}

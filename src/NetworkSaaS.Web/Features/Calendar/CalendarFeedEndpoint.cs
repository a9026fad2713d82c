using NetworkSaaS.Web.Features.RateLimiting;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Calendar;

/// <summary>
/// <c>GET /{tenant}/calendar.ics?token=…</c>: a user's private feed, for Outlook, Google Calendar and Apple Calendar to
/// subscribe to. The token is the whole authority (calendar programs send no cookies); anything that is not a live feed
/// of this company — no token, a wrong, regenerated or revoked one, another company's, a deactivated user's — is the
/// same 404. Reads only; rate limited per token and per address (<see cref="RateLimitPolicies.CalendarFeed"/>).
/// </summary>
public static class CalendarFeedEndpoint
{
    public const string FileName = "calendar.ics";

    /// <summary>Calendar programs poll; a feed is recomputed at most this often for one of them.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(15);

    public static string PathFor(string slug, string token) => $"/{slug}/{FileName}?token={token}";

    public static void MapCalendarFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/{tenant:slug}/" + FileName, HandleAsync)
            .AllowAnonymous()
            .WithMetadata(new OpenToVisitorsOfAnyCompanyAttribute())
            .RequireRateLimiting(RateLimitPolicies.CalendarFeed);

    private static async Task<IResult> HandleAsync(HttpContext context, CalendarFeedTokens tokens, CalendarFeedContent content, string? token)
    {
        // The URL is a capability: keep it out of search engines and shared caches.
        context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (await tokens.UserOfAsync(token, context.RequestAborted).ConfigureAwait(false) is not { } userId
            || await content.BuildAsync(userId, context.RequestAborted).ConfigureAwait(false) is not { } calendar)
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }

        // No Content-Disposition: that would make it a download, which the security headers keep out of every cache.
        context.Response.Headers.CacheControl = $"private, max-age={(int)CacheFor.TotalSeconds}";
        return Results.Text(calendar, "text/calendar; charset=utf-8");
    }
}

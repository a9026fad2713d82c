using Microsoft.AspNetCore.Http.Metadata;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// Refuses a request whose declared body is larger than its endpoint allows (e.g. the 20 MB import) with 413 before
/// anything reads it, so the user sees the localized "file too large" page rather than a generic bad-request error.
/// </summary>
public static class RequestSizeGuard
{
    public static IApplicationBuilder UseRequestSizeGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            if (limit is not null && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
}

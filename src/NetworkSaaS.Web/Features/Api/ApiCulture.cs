using Microsoft.Net.Http.Headers;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// The API's language: an API client's Accept-Language is a deliberate choice, so it comes before the token user's saved
/// language (then the company's default). Endpoint metadata of the API group, read by the request localization.
/// </summary>
public sealed class ApiCulture : IPageCulture
{
    public Task<string?> CultureAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(FromAcceptLanguage(context.Request));
    }

    /// <summary>The first supported language of the header, by quality ("en-US" counts as "en"); null when none is.</summary>
    public static string? FromAcceptLanguage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            return null;
        }

        return languages.Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(SupportedCultures.IsSupported);
    }
}

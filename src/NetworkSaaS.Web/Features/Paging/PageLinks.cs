using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace NetworkSaaS.Web.Features.Paging;

/// <summary>Links to the other pages of a paged list: the same address and filters, another page number.</summary>
public static class PageLinks
{
    /// <summary>
    /// The page number from <c>?page=</c>; 1 when it is absent or not a positive number. Read from the query string, never
    /// model-bound: in Razor Pages the route value "page" is the page's own name ("/Contacts/Index"), and model binding
    /// reads route values before the query string, so a bound <c>Page</c> would always fail to parse and stay 1.
    /// </summary>
    public static int Number(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
    }

    /// <summary>
    /// This request's URL with every query parameter kept and <c>page</c> set to <paramref name="page"/>. A list renders
    /// up to 20 of these links: the common prefix is built once per request (kept in <see cref="HttpContext.Items"/>).
    /// </summary>
    public static string Url(HttpRequest request, int page)
    {
        ArgumentNullException.ThrowIfNull(request);
        var items = request.HttpContext.Items;
        if (items[PrefixKey] is not string prefix)
        {
            items[PrefixKey] = prefix = Prefix(request);
        }

        return prefix + page.ToString(CultureInfo.InvariantCulture);
    }

    private static readonly object PrefixKey = new();

    /// <summary>This request's URL with every query parameter kept but <c>page</c>, ending in <c>page=</c>: append the number.</summary>
    private static string Prefix(HttpRequest request)
    {
        var query = request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()));
        var url = QueryHelpers.AddQueryString(request.Path, query);
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&page=" : "?page=");
    }
}

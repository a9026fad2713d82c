using Microsoft.AspNetCore.WebUtilities;

namespace NetworkSaaS.Web.Features.Paging;

/// <summary>Links to the other pages of a paged list: the same address and filters, another page number.</summary>
public static class PageLinks
{
    /// <summary>This request's URL with every query parameter kept but <c>page</c>, ending in <c>page=</c>: append the number.</summary>
    public static string Prefix(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()));
        var url = QueryHelpers.AddQueryString(request.Path, query);
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&page=" : "?page=");
    }
}

using System.Buffers.Text;
using Microsoft.EntityFrameworkCore;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>One page of a list: <c>items</c> and, when there are more, <c>nextCursor</c> (also sent as a <c>Link: rel="next"</c> header).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Cursor pagination by id (UUID v7: creation order). <c>?limit=</c> (1–200, default 50) and <c>?cursor=</c> (opaque: the
/// last id of the previous page). A list filters with <c>Where(x =&gt; page.After == null || x.Id &gt; page.After)</c>,
/// orders by id and calls <see cref="ToPageAsync{TRow,TItem}"/>. Rows added while a client pages never shift the pages.
/// </summary>
public sealed record ApiPageRequest(Guid? After, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static ApiPageRequest From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, $"limit must be a number from 1 to {MaxLimit}.");
        }

        Guid? after = null;
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            after = Decode(cursor) ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, "cursor is not one this API gave out.");
        }

        return new ApiPageRequest(after, limit);
    }

    public static string Encode(Guid id) => Base64Url.EncodeToString(id.ToByteArray(bigEndian: true));

    private static Guid? Decode(string cursor)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            return bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class ApiPaging
{
    /// <summary>Reads one more row than the limit to know whether there is a next page; sets the Link header.</summary>
    public static async Task<ApiPage<TItem>> ToPageAsync<TRow, TItem>(this IQueryable<TRow> orderedById, ApiPageRequest page, HttpContext context,
        Func<TRow, Guid> idOf, Func<TRow, TItem> project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentNullException.ThrowIfNull(project);
        var rows = await orderedById.Take(page.Limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > page.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = ApiPageRequest.Encode(idOf(rows[^1]));
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value);
            query["cursor"] = next;
            var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.Request.PathBase + context.Request.Path,
                query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
            context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
        }

        return new ApiPage<TItem>(rows.Select(project).ToList(), next);
    }
}

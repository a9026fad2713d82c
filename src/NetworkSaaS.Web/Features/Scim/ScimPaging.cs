using System.Globalization;
using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>RFC 7644 §3.4.2.4 pagination: 1-based startIndex, count (0 asks for the total only), capped at <see cref="MaxCount"/>.</summary>
public sealed record ScimPaging(int StartIndex, int Count)
{
    public const int MaxCount = 200;

    public int Skip => StartIndex - 1;

    public static ScimPaging From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = Number(request.Query["startIndex"], 1);
        var count = Number(request.Query["count"], MaxCount);
        return new ScimPaging(Math.Max(1, start), Math.Clamp(count, 0, MaxCount));
    }

    private static int Number(string? text, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw ScimException.InvalidValue("startIndex and count must be integers.");

    public JsonObject ListResponse(int totalResults, IEnumerable<JsonObject> resources)
    {
        var items = new JsonArray();
        foreach (var resource in resources)
        {
            items.Add(resource);
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = totalResults,
            ["startIndex"] = StartIndex,
            ["itemsPerPage"] = items.Count,
            ["Resources"] = items,
        };
    }
}

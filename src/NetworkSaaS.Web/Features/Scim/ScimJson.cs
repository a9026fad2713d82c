using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// Reading SCIM request bodies. Attribute names are case-insensitive in SCIM ("Operations", "Replace"), and directories
/// send values loosely: Entra ID sends booleans as "False" and single values wrapped as [{"value": …}].
/// </summary>
public static class ScimJson
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is { Length: > 0 } type && !type.StartsWith(ScimSchemas.MediaType, StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw ScimException.InvalidSyntax("The body must be application/scim+json or application/json.");
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, CaseInsensitive, cancellationToken: cancellationToken) as JsonObject
                   ?? throw ScimException.InvalidSyntax("The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax("The body is not valid JSON.");
        }
    }

    /// <summary>A string attribute's value; null when absent or JSON null.</summary>
    public static string? Text(JsonNode? node, string attribute)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.ToJsonString();
            case JsonValue value when value.GetValueKind() == JsonValueKind.Null:
                return null;
            case JsonArray { Count: 1 } array when array[0] is JsonObject single:
                return Text(single["value"], attribute);
            case JsonArray { Count: 0 }:
                return null;
            default:
                throw ScimException.InvalidValue($"{attribute} must be a string.");
        }
    }

    /// <summary>A boolean; Entra ID sends "True"/"False" as strings.</summary>
    public static bool Flag(JsonNode? node, string attribute)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>().Trim(), out var parsed):
                    return parsed;
            }
        }

        if (node is JsonArray { Count: 1 } array && array[0] is JsonObject single)
        {
            return Flag(single["value"], attribute);
        }

        throw ScimException.InvalidValue($"{attribute} must be true or false.");
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

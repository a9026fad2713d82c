using System.Globalization;
using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>A refused SCIM request: becomes RFC 7644's error message (status as a string, scimType where one applies).</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException InvalidValue(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);
    public static ScimException InvalidSyntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);
    public static ScimException InvalidFilter(string detail) => new(StatusCodes.Status400BadRequest, "invalidFilter", detail);
    public static ScimException InvalidPath(string detail) => new(StatusCodes.Status400BadRequest, "invalidPath", detail);
    public static ScimException NoTarget(string detail) => new(StatusCodes.Status400BadRequest, "noTarget", detail);
    public static ScimException Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);
    public static ScimException NotFound(string resource, string id) => new(StatusCodes.Status404NotFound, null, $"{resource} {id} not found.");
    public static ScimException PreconditionFailed() => new(StatusCodes.Status412PreconditionFailed, null, "The resource changed since the version in If-Match.");

    public JsonObject ToJson() => Body(Status, ScimType, Message);

    public static JsonObject Body(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        return body;
    }
}

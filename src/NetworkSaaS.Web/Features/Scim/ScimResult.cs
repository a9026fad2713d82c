using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>A SCIM response: the JSON body, its status, and the ETag / Location headers when it is one resource.</summary>
public sealed record ScimResult(int Status, JsonObject? Body, string? ETag = null, string? Location = null) : IResult
{
    public static ScimResult Ok(JsonObject body) => new(StatusCodes.Status200OK, body);

    public static ScimResult Resource(JsonObject body, string? stamp, int status = StatusCodes.Status200OK) => new(status, body, ScimETag.Of(stamp));

    public static ScimResult NoContent() => new(StatusCodes.Status204NoContent, null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (Body is not null)
        {
            response.ContentType = ScimSchemas.MediaType;
            var body = Status < 300 && Body["Resources"] is null && Body["meta"] is not null ? ScimProjection.Apply(Body, httpContext.Request) : Body;
            if (Body["Resources"] is JsonArray resources)
            {
                foreach (var resource in resources.OfType<JsonObject>())
                {
                    ScimProjection.Apply(resource, httpContext.Request);
                }
            }

            await response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted);
        }
    }
}

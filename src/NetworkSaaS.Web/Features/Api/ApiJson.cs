using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>The API's JSON: camelCase, enums as camelCase strings, nulls left out. The endpoints use the same options (ApiSetup).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

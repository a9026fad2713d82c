using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>The attributes / excludedAttributes query parameters (RFC 7644 §3.9), on top-level attributes and the enterprise extension's.</summary>
public static class ScimProjection
{
    private static readonly string[] AlwaysReturned = ["schemas", "id", "meta"];

    public static JsonObject Apply(JsonObject resource, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        var attributes = Names(request.Query["attributes"]);
        var excluded = Names(request.Query["excludedAttributes"]);
        if (attributes.Count > 0)
        {
            foreach (var key in resource.Select(p => p.Key).ToList())
            {
                if (!AlwaysReturned.Contains(key, StringComparer.OrdinalIgnoreCase) && !attributes.Any(a => Matches(a, key)))
                {
                    resource.Remove(key);
                }
            }
        }

        foreach (var name in excluded)
        {
            if (name.StartsWith(ScimSchemas.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase))
            {
                (resource[ScimSchemas.EnterpriseUser] as JsonObject)?.Remove(TopLevel(name[(ScimSchemas.EnterpriseUser.Length + 1)..]));
            }
            else
            {
                var key = resource.Select(p => p.Key).FirstOrDefault(k => Matches(name, k));
                if (key is not null && !AlwaysReturned.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    resource.Remove(key);
                }
            }
        }

        return resource;
    }

    private static bool Matches(string requested, string key) =>
        requested.StartsWith(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)
            ? key == ScimSchemas.EnterpriseUser
            : TopLevel(StripCore(requested)).Equals(key, StringComparison.OrdinalIgnoreCase);

    private static string StripCore(string name)
    {
        foreach (var schema in new[] { ScimSchemas.User, ScimSchemas.Group })
        {
            if (name.StartsWith(schema + ":", StringComparison.OrdinalIgnoreCase))
            {
                return name[(schema.Length + 1)..];
            }
        }

        return name;
    }

    private static string TopLevel(string name) => name.Split('.', 2)[0];

    private static List<string> Names(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

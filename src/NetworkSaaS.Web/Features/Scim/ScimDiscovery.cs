using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>ServiceProviderConfig, ResourceTypes and Schemas (RFC 7643 §5–7): what this endpoint supports, described for clients.</summary>
public sealed class ScimDiscovery(ScimLinks links)
{
    public JsonObject ServiceProviderConfig() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["documentationUri"] = "https://datatracker.ietf.org/doc/html/rfc7644",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimPaging.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A SCIM token created by an administrator on the company's SSO page, sent as Authorization: Bearer.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{links.Base}/ServiceProviderConfig" },
    };

    public JsonObject ResourceTypes(ScimPaging paging) => paging.ListResponse(2, [UserType(), GroupType()]);

    public JsonObject Schemas(ScimPaging paging) => paging.ListResponse(3, [UserSchema(), EnterpriseSchema(), GroupSchema()]);

    private JsonObject UserType() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["schema"] = ScimSchemas.User,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{links.Base}/ResourceTypes/User" },
    };

    private JsonObject GroupType() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "Group",
        ["name"] = "Group",
        ["endpoint"] = "/Groups",
        ["schema"] = ScimSchemas.Group,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{links.Base}/ResourceTypes/Group" },
    };

    private JsonObject UserSchema() => Schema(ScimSchemas.User, "User",
        Attribute("userName", required: true, uniqueness: "server"),
        Complex("name", Attribute("formatted"), Attribute("familyName"), Attribute("givenName")),
        Attribute("displayName"),
        Attribute("title"),
        Attribute("externalId", caseExact: true),
        Attribute("active", type: "boolean"),
        MultiComplex("emails", Attribute("value"), Attribute("type"), Attribute("primary", type: "boolean")),
        MultiComplex("groups", "readOnly", Attribute("value", mutability: "readOnly"), Attribute("display", mutability: "readOnly")));

    private JsonObject EnterpriseSchema() => Schema(ScimSchemas.EnterpriseUser, "EnterpriseUser",
        Attribute("department"),
        Complex("manager", Attribute("value"), Attribute("displayName", mutability: "readOnly")));

    private JsonObject GroupSchema() => Schema(ScimSchemas.Group, "Group",
        Attribute("displayName", required: true),
        Attribute("externalId", caseExact: true),
        MultiComplex("members", "readWrite", Attribute("value"), Attribute("display", mutability: "readOnly")));

    private JsonObject Schema(string id, string name, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{links.Base}/Schemas/{id}" },
    };

    private static JsonObject Attribute(string name, string type = "string", bool required = false, bool caseExact = false,
        string mutability = "readWrite", string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, type: "complex");
        attribute["subAttributes"] = new JsonArray([.. subAttributes]);
        return attribute;
    }

    private static JsonObject MultiComplex(string name, params JsonObject[] subAttributes) => MultiComplex(name, "readWrite", subAttributes);

    private static JsonObject MultiComplex(string name, string mutability, params JsonObject[] subAttributes)
    {
        var attribute = Complex(name, subAttributes);
        attribute["multiValued"] = true;
        attribute["mutability"] = mutability;
        return attribute;
    }
}

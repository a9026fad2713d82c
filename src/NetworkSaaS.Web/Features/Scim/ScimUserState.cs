using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// The SCIM view of a user that a POST, PUT or PATCH edits before it is written back: resource bodies and PATCH
/// operations both land here, in every shape Entra ID and Okta send (capitalised ops, no path with a value object,
/// filtered paths such as <c>emails[type eq "work"].value</c>, the enterprise extension's manager as a string or
/// as {"value": id}). Attributes we do not keep (addresses, phone numbers, …) are accepted and ignored.
/// </summary>
public sealed partial class ScimUserState
{
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FormattedName { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Manager { get; set; }
    public bool? Active { get; set; }

    /// <summary>True once the request said something about the person's name (so the display name is rebuilt).</summary>
    public bool NameChanged { get; private set; }

    [GeneratedRegex("""^(\w+)\[(.+)\](?:\.(\w+))?$""", RegexOptions.CultureInvariant)]
    private static partial Regex FilteredPath();

    public static ScimUserState Of(AppUser user, string? department) => new()
    {
        UserName = user.UserName,
        Email = user.Email,
        ExternalId = user.ExternalId,
        DisplayName = user.DisplayName,
        FamilyName = user.FamilyName,
        GivenName = user.GivenName,
        Title = user.Title,
        Department = department,
        Manager = user.ManagerId?.ToString(),
        Active = user.IsActive,
    };

    /// <summary>POST and PUT: the whole resource. Attributes it leaves out are cleared (PUT replaces), except active.</summary>
    public static ScimUserState FromResource(JsonObject body, bool? currentActive)
    {
        ArgumentNullException.ThrowIfNull(body);
        var state = new ScimUserState { Active = currentActive };
        foreach (var (key, value) in body)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase) || key.Equals("id", StringComparison.OrdinalIgnoreCase)
                || key.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            state.Set(key, value, remove: false);
        }

        state.Active ??= true;
        return state;
    }

    /// <summary>PATCH (RFC 7644 §3.5.2) as Entra ID and Okta send it.</summary>
    public void ApplyPatch(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["Operations"] is not JsonArray operations)
        {
            throw ScimException.InvalidSyntax("A PATCH body needs an Operations array.");
        }

        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.InvalidSyntax("Each operation must be an object.");
            }

            var op = ScimJson.Text(operation["op"], "op")?.Trim().ToLowerInvariant();
            var path = ScimJson.Trimmed(ScimJson.Text(operation["path"], "path"));
            var value = operation["value"];
            switch (op)
            {
                case "add" or "replace" when path is null:
                    if (value is not JsonObject attributes)
                    {
                        throw ScimException.InvalidValue("An operation without a path needs an object of attributes as its value.");
                    }

                    foreach (var (key, attribute) in attributes)
                    {
                        Set(key, attribute, remove: false);
                    }

                    break;
                case "add" or "replace":
                    Set(path!, value, remove: false);
                    break;
                case "remove" when path is null:
                    throw ScimException.NoTarget("A remove operation needs a path.");
                case "remove":
                    Set(path, value, remove: true);
                    break;
                default:
                    throw ScimException.InvalidSyntax($"Unknown operation '{op}': use add, replace or remove.");
            }
        }
    }

    private void Set(string path, JsonNode? value, bool remove)
    {
        if (path.StartsWith(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
        {
            var rest = path[ScimSchemas.EnterpriseUser.Length..];
            if (rest.Length == 0)
            {
                if (remove)
                {
                    Department = Manager = null;
                }
                else if (value is JsonObject extension)
                {
                    foreach (var (key, extensionValue) in extension)
                    {
                        SetEnterprise(key, extensionValue, remove: false);
                    }
                }
                else if (value is not null)
                {
                    throw ScimException.InvalidValue("The enterprise extension must be an object.");
                }

                return;
            }

            if (rest[0] != ':')
            {
                throw ScimException.InvalidPath($"Unknown path {path}.");
            }

            SetEnterprise(rest[1..], value, remove);
            return;
        }

        if (path.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase))
        {
            path = path[(ScimSchemas.User.Length + 1)..];
        }

        if (path.Contains('[', StringComparison.Ordinal))
        {
            SetFiltered(path, value, remove);
            return;
        }

        var parts = path.Split('.', 2);
        var attribute = parts[0].ToLowerInvariant();
        var sub = parts.Length > 1 ? parts[1].ToLowerInvariant() : null;
        switch (attribute)
        {
            case "username":
                UserName = remove ? throw ScimException.InvalidValue("userName cannot be removed.") : ScimJson.Text(value, "userName");
                break;
            case "externalid":
                ExternalId = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "externalId"));
                break;
            case "displayname":
                DisplayName = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "displayName"));
                NameChanged = true;
                break;
            case "title":
                Title = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "title"));
                break;
            case "active":
                Active = remove ? throw ScimException.InvalidValue("active cannot be removed.") : ScimJson.Flag(value, "active");
                break;
            case "name":
                SetName(sub, value, remove);
                break;
            case "emails" when sub is null or "value":
                if (!remove)
                {
                    Email = sub is null ? WorkEmail(value) : ScimJson.Trimmed(ScimJson.Text(value, "emails.value"));
                }

                break;
        }
    }

    private void SetName(string? sub, JsonNode? value, bool remove)
    {
        NameChanged = true;
        switch (sub)
        {
            case null when remove:
                FamilyName = GivenName = FormattedName = null;
                break;
            case null when value is JsonObject name:
                foreach (var (key, part) in name)
                {
                    SetName(key.ToLowerInvariant(), part, remove: false);
                }

                break;
            case null when value is null:
                break;
            case null:
                throw ScimException.InvalidValue("name must be an object.");
            case "familyname":
                FamilyName = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "name.familyName"));
                break;
            case "givenname":
                GivenName = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "name.givenName"));
                break;
            case "formatted":
                FormattedName = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "name.formatted"));
                break;
        }
    }

    /// <summary><c>emails[type eq "work"].value</c> sets the email; filtered paths into attributes we do not keep are ignored.</summary>
    private void SetFiltered(string path, JsonNode? value, bool remove)
    {
        var match = FilteredPath().Match(path);
        if (!match.Success)
        {
            throw ScimException.InvalidPath($"Cannot read the path {path}.");
        }

        var sub = match.Groups[3].Success ? match.Groups[3].Value : null;
        if (remove || !match.Groups[1].Value.Equals("emails", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (sub is null)
        {
            Email = value is JsonObject email ? ScimJson.Trimmed(ScimJson.Text(email["value"], "emails.value")) : ScimJson.Trimmed(ScimJson.Text(value, "emails"));
        }
        else if (sub.Equals("value", StringComparison.OrdinalIgnoreCase))
        {
            Email = ScimJson.Trimmed(ScimJson.Text(value, "emails.value"));
        }
    }

    private void SetEnterprise(string attribute, JsonNode? value, bool remove)
    {
        var parts = attribute.Split('.', 2);
        switch (parts[0].ToLowerInvariant())
        {
            case "department":
                Department = remove ? null : ScimJson.Trimmed(ScimJson.Text(value, "department"));
                break;
            case "manager":
                Manager = remove ? null
                    : value is JsonObject manager ? ScimJson.Trimmed(ScimJson.Text(manager["value"], "manager.value"))
                    : ScimJson.Trimmed(ScimJson.Text(value, "manager"));
                break;
        }
    }

    /// <summary>The primary email, else the work one, else the first.</summary>
    private static string? WorkEmail(JsonNode? value)
    {
        if (value is not JsonArray emails)
        {
            return value is null ? null : throw ScimException.InvalidValue("emails must be an array.");
        }

        var all = emails.OfType<JsonObject>().ToList();
        var chosen = all.FirstOrDefault(e => e["primary"] is JsonValue p && IsTrue(p))
                     ?? all.FirstOrDefault(e => "work".Equals(ScimJson.Text(e["type"], "emails.type"), StringComparison.OrdinalIgnoreCase))
                     ?? all.FirstOrDefault();
        return chosen is null ? null : ScimJson.Trimmed(ScimJson.Text(chosen["value"], "emails.value"));
    }

    private static bool IsTrue(JsonValue value)
    {
        try
        {
            return ScimJson.Flag(value, "primary");
        }
        catch (ScimException)
        {
            return false;
        }
    }
}

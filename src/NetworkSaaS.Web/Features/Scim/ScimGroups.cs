using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Scim;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// /Groups: the directory's groups and their members, kept so that roles follow membership (through the company's
/// directory group → role mapping). Members are users of this company only.
/// </summary>
public sealed partial class ScimGroups(
    AppDbContext db,
    ScimGroupMemberships memberships,
    ScimLinks links,
    ScimCaller caller,
    AuditLog audit,
    TimeProvider clock)
{
    [GeneratedRegex("""^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberFilter();

    public async Task<ScimResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, tracked: false, cancellationToken);
        return ScimResult.Resource(await ResourceAsync(group, cancellationToken), group.Version.ToString());
    }

    public async Task<ScimResult> ListAsync(ScimFilter? filter, ScimPaging paging, bool withMembers, CancellationToken cancellationToken)
    {
        var query = db.ScimGroups.AsNoTracking();
        if (filter is not null)
        {
            query = filter.Attribute switch
            {
                // Group names are not case-exact (RFC 7643 §4.2).
                "displayName" => query.Where(g => EF.Functions.ILike(g.DisplayName, LikeLiteral(filter.Value))),
                "externalId" => query.Where(g => g.ExternalId == filter.Value),
                _ => Guid.TryParse(filter.Value, out var id) ? query.Where(g => g.Id == id) : query.Where(_ => false),
            };
        }

        var total = await query.CountAsync(cancellationToken);
        var page = paging.Count == 0 ? [] : await query.OrderBy(g => g.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync(cancellationToken);
        var resources = new List<JsonObject>();
        foreach (var group in page)
        {
            resources.Add(withMembers ? await ResourceAsync(group, cancellationToken) : Resource(group, null));
        }

        return ScimResult.Ok(paging.ListResponse(total, resources));
    }

    public async Task<ScimResult> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var group = new ScimGroup { DisplayName = "", CreatedAt = now, LastModifiedAt = now };
        var members = await ApplyResourceAsync(group, body, cancellationToken);
        group.Members.AddRange(members.Select(m => new ScimGroupMember { GroupId = group.Id, UserId = m }));
        db.ScimGroups.Add(group);
        audit.Record(AuditActions.ScimGroupCreated, group.DisplayName, $"{caller.Description}; {members.Count} members");
        await db.SaveChangesAsync(cancellationToken);
        await memberships.SyncRolesAsync(members, cancellationToken);
        var result = ScimResult.Resource(await ResourceAsync(group, cancellationToken), group.Version.ToString(), StatusCodes.Status201Created);
        return result with { Location = links.Group(group.Id) };
    }

    public async Task<ScimResult> ReplaceAsync(string id, JsonObject body, string? ifMatch, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, group.Version.ToString());
        var before = group.Members.Select(m => m.UserId).ToHashSet();
        var previousName = group.DisplayName;
        var after = await ApplyResourceAsync(group, body, cancellationToken);
        return await SaveAsync(group, before, after, previousName, cancellationToken);
    }

    public async Task<ScimResult> PatchAsync(string id, JsonObject body, string? ifMatch, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, group.Version.ToString());
        if (body["Operations"] is not JsonArray operations)
        {
            throw ScimException.InvalidSyntax("A PATCH body needs an Operations array.");
        }

        var before = group.Members.Select(m => m.UserId).ToHashSet();
        var previousName = group.DisplayName;
        var members = new HashSet<Guid>(before);
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.InvalidSyntax("Each operation must be an object.");
            }

            var op = ScimJson.Text(operation["op"], "op")?.Trim().ToLowerInvariant();
            var path = ScimJson.Trimmed(ScimJson.Text(operation["path"], "path"));
            var value = operation["value"];
            if (op is not ("add" or "replace" or "remove"))
            {
                throw ScimException.InvalidSyntax($"Unknown operation '{op}': use add, replace or remove.");
            }

            if (path is null)
            {
                if (op == "remove" || value is not JsonObject attributes)
                {
                    throw op == "remove" ? ScimException.NoTarget("A remove operation needs a path.") : ScimException.InvalidValue("An operation without a path needs an object of attributes as its value.");
                }

                foreach (var (key, attribute) in attributes)
                {
                    await SetAsync(group, members, op, key, attribute, cancellationToken);
                }
            }
            else if (MemberFilter().Match(path) is { Success: true } filtered)
            {
                if (op != "remove")
                {
                    throw ScimException.InvalidPath("A filtered members path can only be removed.");
                }

                if (Guid.TryParse(filtered.Groups[1].Value, out var removed))
                {
                    members.Remove(removed);
                }
            }
            else
            {
                await SetAsync(group, members, op, path, value, cancellationToken);
            }
        }

        return await SaveAsync(group, before, members, previousName, cancellationToken);
    }

    public async Task DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, group.Version.ToString());
        var former = group.Members.Select(m => m.UserId).ToList();
        db.ScimGroups.Remove(group);
        audit.Record(AuditActions.ScimGroupDeleted, group.DisplayName, caller.Description);
        await db.SaveChangesAsync(cancellationToken);
        await memberships.SyncRolesAsync(former, cancellationToken);
    }

    private async Task SetAsync(ScimGroup group, HashSet<Guid> members, string op, string path, JsonNode? value, CancellationToken cancellationToken)
    {
        if (path.StartsWith(ScimSchemas.Group + ":", StringComparison.OrdinalIgnoreCase))
        {
            path = path[(ScimSchemas.Group.Length + 1)..];
        }

        switch (path.ToLowerInvariant())
        {
            case "displayname":
                group.DisplayName = op == "remove" ? throw ScimException.InvalidValue("displayName cannot be removed.") : DisplayName(value);
                break;
            case "externalid":
                group.ExternalId = op == "remove" ? null : Limited(ScimJson.Trimmed(ScimJson.Text(value, "externalId")), 256, "externalId");
                break;
            case "members" when op == "remove":
                if (value is null)
                {
                    members.Clear();
                }
                else
                {
                    members.ExceptWith(MemberIds(value, mustExist: false));
                }

                break;
            case "members":
                var ids = await ExistingMembersAsync(MemberIds(value, mustExist: true), cancellationToken);
                if (op == "replace")
                {
                    members.Clear();
                }

                members.UnionWith(ids);
                break;
            case "id":
                break;
            default:
                throw ScimException.InvalidPath($"Unknown group attribute {path}.");
        }
    }

    private async Task<ScimResult> SaveAsync(ScimGroup group, HashSet<Guid> before, IReadOnlyCollection<Guid> after, string previousName, CancellationToken cancellationToken)
    {
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        group.Members.RemoveAll(m => removed.Contains(m.UserId));
        group.Members.AddRange(added.Select(u => new ScimGroupMember { GroupId = group.Id, UserId = u }));
        group.LastModifiedAt = clock.GetUtcNow();
        group.Version = Guid.NewGuid();
        audit.Record(AuditActions.ScimGroupUpdated, group.DisplayName,
            $"{caller.Description}; added {added.Count}, removed {removed.Count}" + (previousName != group.DisplayName ? $"; renamed from {previousName}" : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ScimException.PreconditionFailed();
        }

        // A rename or a new external id can change what the mapping matches for every member.
        var affected = previousName != group.DisplayName ? before.Union(after) : added.Concat(removed);
        await memberships.SyncRolesAsync(affected, cancellationToken);
        return ScimResult.Resource(await ResourceAsync(group, cancellationToken), group.Version.ToString());
    }

    /// <returns>The members the body names (all of them: POST and PUT replace the member list).</returns>
    private async Task<List<Guid>> ApplyResourceAsync(ScimGroup group, JsonObject body, CancellationToken cancellationToken)
    {
        group.DisplayName = DisplayName(body["displayName"]);
        group.ExternalId = Limited(ScimJson.Trimmed(ScimJson.Text(body["externalId"], "externalId")), 256, "externalId");
        return await ExistingMembersAsync(MemberIds(body["members"], mustExist: true), cancellationToken);
    }

    private static string DisplayName(JsonNode? value) =>
        Limited(ScimJson.Trimmed(ScimJson.Text(value, "displayName")), ScimGroup.DisplayNameMaxLength, "displayName")
        ?? throw ScimException.InvalidValue("displayName is required.");

    private static List<Guid> MemberIds(JsonNode? value, bool mustExist)
    {
        var items = value switch
        {
            null => [],
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => throw ScimException.InvalidValue("members must be an array of {\"value\": user id}."),
        };
        var ids = new List<Guid>();
        foreach (var item in items)
        {
            var text = item is JsonObject member ? ScimJson.Text(member["value"], "members.value") : ScimJson.Text(item, "members.value");
            if (Guid.TryParse(text, out var id))
            {
                ids.Add(id);
            }
            else if (mustExist)
            {
                throw ScimException.InvalidValue($"{text} is not a user of this company.");
            }
        }

        return ids;
    }

    /// <summary>Every id must be a (not deleted) user of this company: another company's user id is refused like any unknown id.</summary>
    private async Task<List<Guid>> ExistingMembersAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ids;
        }

        var known = await db.Users.Where(u => ids.Contains(u.Id) && u.DirectoryDeletedAt == null).Select(u => u.Id).ToListAsync(cancellationToken);
        var unknown = ids.Except(known).ToList();
        return unknown.Count > 0 ? throw ScimException.InvalidValue($"{unknown[0]} is not a user of this company.") : [.. ids.Distinct()];
    }

    /// <summary>The value as an ILIKE pattern that matches only itself (PostgreSQL's default escape is the backslash).</summary>
    private static string LikeLiteral(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string? Limited(string? value, int max, string attribute) =>
        value is { Length: var length } && length > max ? throw ScimException.InvalidValue($"{attribute} is longer than {max} characters.") : value;

    private async Task<ScimGroup> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.ScimGroups.Include(g => g.Members) : db.ScimGroups.AsNoTracking();
        return Guid.TryParse(id, out var groupId) && await query.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken) is { } group
            ? group
            : throw ScimException.NotFound("Group", id);
    }

    private async Task<JsonObject> ResourceAsync(ScimGroup group, CancellationToken cancellationToken)
    {
        var members = await db.ScimGroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken);
        return Resource(group, [.. members.Select(m => (m.Id, m.DisplayName))]);
    }

    private JsonObject Resource(ScimGroup group, IReadOnlyList<(Guid Id, string Name)>? members)
    {
        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["id"] = group.Id.ToString(),
            ["displayName"] = group.DisplayName,
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "Group",
                ["created"] = group.CreatedAt.UtcDateTime.ToString("O"),
                ["lastModified"] = group.LastModifiedAt.UtcDateTime.ToString("O"),
                ["version"] = ScimETag.Of(group.Version.ToString()),
                ["location"] = links.Group(group.Id),
            },
        };
        if (group.ExternalId is not null)
        {
            resource["externalId"] = group.ExternalId;
        }

        if (members is not null)
        {
            resource["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["value"] = m.Id.ToString(), ["display"] = m.Name, ["$ref"] = links.User(m.Id) })]);
        }

        return resource;
    }
}

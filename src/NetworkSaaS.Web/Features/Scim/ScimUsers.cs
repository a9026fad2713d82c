using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// /Users: the company's directory creates, changes, deactivates and removes its people. Deactivation (active=false
/// or DELETE) goes through <see cref="UserDeactivation"/>; DELETE keeps the person's data (see <see cref="DeleteAsync"/>).
/// </summary>
public sealed class ScimUsers(
    AppDbContext db,
    UserManager<AppUser> users,
    UserDeactivation deactivation,
    ScimGroupMemberships memberships,
    ScimLinks links,
    ScimCaller caller,
    AuditLog audit,
    TimeProvider clock)
{
    private const int NameMaxLength = 100;

    private IQueryable<AppUser> Visible => db.Users.Where(u => u.DirectoryDeletedAt == null);

    public async Task<ScimResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, tracked: false, cancellationToken);
        return ScimResult.Resource(await ResourceAsync(user, cancellationToken), user.ConcurrencyStamp);
    }

    public async Task<ScimResult> ListAsync(ScimFilter? filter, ScimPaging paging, CancellationToken cancellationToken)
    {
        var query = Visible.AsNoTracking();
        if (filter is not null)
        {
            query = filter.Attribute switch
            {
                "userName" => query.Where(u => u.NormalizedUserName == users.NormalizeName(filter.Value)),
                "externalId" => query.Where(u => u.ExternalId == filter.Value),
                _ => Guid.TryParse(filter.Value, out var id) ? query.Where(u => u.Id == id) : query.Where(_ => false),
            };
        }

        var total = await query.CountAsync(cancellationToken);
        var page = paging.Count == 0 ? [] : await query.OrderBy(u => u.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync(cancellationToken);
        var resources = await ResourcesAsync(page, cancellationToken);
        return ScimResult.Ok(paging.ListResponse(total, resources));
    }

    public async Task<ScimResult> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var state = ScimUserState.FromResource(body, currentActive: null);
        var userName = ScimJson.Trimmed(state.UserName) ?? throw ScimException.InvalidValue("userName is required.");

        // A person the directory deleted and now provisions again gets their account (and their network) back.
        var returning = await db.Users.FirstOrDefaultAsync(u => u.DirectoryDeletedAt != null && u.NormalizedUserName == users.NormalizeName(userName), cancellationToken);
        var user = returning ?? new AppUser { EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var wasActive = user.IsActive;
        await ApplyAsync(user, state, cancellationToken);
        if (returning is null)
        {
            user.IsActive = state.Active ?? true;
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, Roles.Employee));
            audit.Record(AuditActions.ScimUserCreated, user.Email!, Via());
        }
        else
        {
            user.DirectoryDeletedAt = null;
            audit.Record(AuditActions.ScimUserCreated, user.Email!, $"{Via()}; returning user");
            Check(await users.UpdateAsync(user));
        }

        await db.SaveChangesAsync(cancellationToken);
        await ApplyActiveAsync(user, returning is null ? user.IsActive : wasActive, state.Active ?? true, cancellationToken);
        var result = ScimResult.Resource(await ResourceAsync(user, cancellationToken), user.ConcurrencyStamp, StatusCodes.Status201Created);
        return result with { Location = links.User(user.Id) };
    }

    public async Task<ScimResult> ReplaceAsync(string id, JsonObject body, string? ifMatch, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, user.ConcurrencyStamp);
        var state = ScimUserState.FromResource(body, user.IsActive);
        if (ScimJson.Trimmed(state.UserName) is null)
        {
            throw ScimException.InvalidValue("userName is required.");
        }

        return await UpdateAsync(user, state, cancellationToken);
    }

    public async Task<ScimResult> PatchAsync(string id, JsonObject body, string? ifMatch, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, user.ConcurrencyStamp);
        var department = user.DepartmentId is { } departmentId
            ? await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var state = ScimUserState.Of(user, department);
        state.ApplyPatch(body);
        return await UpdateAsync(user, state, cancellationToken);
    }

    /// <summary>
    /// DELETE deactivates instead of erasing: the relationships the person logged, the introductions they made and
    /// the audit trail belong to the company, and the handover to their successor needs them. Sessions end at once,
    /// the user leaves their SCIM groups, and from now on SCIM answers 404 for them (RFC 7644 §3.6). Erasing personal
    /// data is a separate, deliberate request (privacy requests), not a side effect of a directory sync.
    /// </summary>
    public async Task DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, tracked: true, cancellationToken);
        ScimETag.Check(ifMatch, user.ConcurrencyStamp);
        user.DirectoryDeletedAt = clock.GetUtcNow();
        audit.Record(AuditActions.ScimUserDeleted, user.Email ?? user.Id.ToString(), Via());
        Check(await users.UpdateAsync(user));
        await memberships.RemoveUserAsync(user, cancellationToken);
        await deactivation.DeactivateAsync(user, user.ManagerId, cancellationToken);
    }

    private async Task<ScimResult> UpdateAsync(AppUser user, ScimUserState state, CancellationToken cancellationToken)
    {
        var wasActive = user.IsActive;
        await ApplyAsync(user, state, cancellationToken);
        audit.Record(AuditActions.ScimUserUpdated, user.Email ?? user.Id.ToString(), Via());
        Check(await users.UpdateAsync(user));
        await ApplyActiveAsync(user, wasActive, state.Active ?? wasActive, cancellationToken);
        return ScimResult.Resource(await ResourceAsync(user, cancellationToken), user.ConcurrencyStamp);
    }

    private async Task ApplyActiveAsync(AppUser user, bool wasActive, bool active, CancellationToken cancellationToken)
    {
        if (wasActive && !active)
        {
            await deactivation.DeactivateAsync(user, user.ManagerId, cancellationToken);
        }
        else if (!wasActive && active)
        {
            await deactivation.ReactivateAsync(user, cancellationToken);
        }
    }

    /// <summary>Writes the state onto the user (not saved): names, email, department (created on first use), manager.</summary>
    private async Task ApplyAsync(AppUser user, ScimUserState state, CancellationToken cancellationToken)
    {
        user.UserName = ScimJson.Trimmed(state.UserName) ?? user.UserName;
        var email = ScimJson.Trimmed(state.Email) ?? (user.UserName?.Contains('@', StringComparison.Ordinal) == true ? user.UserName : null);
        if (email is null)
        {
            throw ScimException.InvalidValue("An email is required (emails, or a userName that is an email address).");
        }

        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            user.Email = email;
            // The company's directory vouches for its people's addresses.
            user.EmailConfirmed = true;
        }

        user.ExternalId = Limited(state.ExternalId, 256, "externalId");
        user.Title = Limited(state.Title, NameMaxLength, "title");
        if (state.NameChanged || user.DisplayName.Length == 0)
        {
            user.FamilyName = Limited(state.FamilyName, NameMaxLength, "name.familyName");
            user.GivenName = Limited(state.GivenName, NameMaxLength, "name.givenName");
            var display = user.FamilyName is not null || user.GivenName is not null
                ? ContactNames.Display(user.FamilyName, user.GivenName)
                : ScimJson.Trimmed(state.DisplayName) ?? ScimJson.Trimmed(state.FormattedName) ?? user.UserName!.Split('@')[0];
            user.DisplayName = Limited(display, NameMaxLength, "displayName")!;
        }

        user.DepartmentId = await DepartmentIdAsync(Limited(state.Department, 100, "department"), cancellationToken);
        user.ManagerId = await ManagerIdAsync(user, state.Manager, cancellationToken);
    }

    private async Task<Guid?> DepartmentIdAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return null;
        }

        var existing = await db.Departments.Where(d => d.Name == name).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var added = db.ChangeTracker.Entries<Department>().Select(e => e.Entity).FirstOrDefault(d => d.Name == name);
        if (added is null)
        {
            var order = await db.Departments.MaxAsync(d => (int?)d.SortOrder, cancellationToken) ?? -1;
            added = new Department { Name = name, SortOrder = order + 1 };
            db.Departments.Add(added);
            audit.Record(AuditActions.DepartmentAdded, name, Via());
        }

        return added.Id;
    }

    private async Task<Guid?> ManagerIdAsync(AppUser user, string? manager, CancellationToken cancellationToken)
    {
        if (ScimJson.Trimmed(manager) is not { } value)
        {
            return null;
        }

        if (!Guid.TryParse(value, out var id) || id == user.Id || !await Visible.AnyAsync(u => u.Id == id, cancellationToken))
        {
            throw ScimException.InvalidValue($"The manager {value} is not a user of this company.");
        }

        return id;
    }

    private static string? Limited(string? value, int max, string attribute)
    {
        value = ScimJson.Trimmed(value);
        return value is { Length: var length } && length > max
            ? throw ScimException.InvalidValue($"{attribute} is longer than {max} characters.")
            : value;
    }

    private async Task<AppUser> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? Visible : Visible.AsNoTracking();
        return Guid.TryParse(id, out var userId) && await query.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user
            ? user
            : throw ScimException.NotFound("User", id);
    }

    private async Task<JsonObject> ResourceAsync(AppUser user, CancellationToken cancellationToken) =>
        (await ResourcesAsync([user], cancellationToken))[0];

    private async Task<List<JsonObject>> ResourcesAsync(IReadOnlyList<AppUser> page, CancellationToken cancellationToken)
    {
        var departmentIds = page.Where(u => u.DepartmentId is not null).Select(u => u.DepartmentId!.Value).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var managers = await UserNames.ForAsync(db, page.Where(u => u.ManagerId is not null).Select(u => u.ManagerId!.Value), cancellationToken);
        var groups = await memberships.GroupsOfAsync(page.Select(u => u.Id).ToList(), cancellationToken);
        return [.. page.Select(u => Resource(u, u.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            u.ManagerId is { } m ? managers.GetValueOrDefault(m) : null, groups.GetValueOrDefault(u.Id) ?? []))];
    }

    private JsonObject Resource(AppUser user, string? department, string? managerName, IReadOnlyList<(Guid Id, string Name)> groups)
    {
        var name = new JsonObject { ["formatted"] = user.DisplayName };
        if (user.FamilyName is not null)
        {
            name["familyName"] = user.FamilyName;
        }

        if (user.GivenName is not null)
        {
            name["givenName"] = user.GivenName;
        }

        var enterprise = new JsonObject();
        if (department is not null)
        {
            enterprise["department"] = department;
        }

        if (user.ManagerId is { } managerId)
        {
            enterprise["manager"] = new JsonObject { ["value"] = managerId.ToString(), ["$ref"] = links.User(managerId), ["displayName"] = managerName };
        }

        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
            ["id"] = user.Id.ToString(),
            ["userName"] = user.UserName,
            ["name"] = name,
            ["displayName"] = user.DisplayName,
            ["active"] = user.IsActive,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true }),
            ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["value"] = g.Id.ToString(), ["display"] = g.Name, ["$ref"] = links.Group(g.Id) })]),
            [ScimSchemas.EnterpriseUser] = enterprise,
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "User",
                ["created"] = user.CreatedAt.UtcDateTime.ToString("O"),
                ["version"] = ScimETag.Of(user.ConcurrencyStamp),
                ["location"] = links.User(user.Id),
            },
        };
        if (user.ExternalId is not null)
        {
            resource["externalId"] = user.ExternalId;
        }

        if (user.Title is not null)
        {
            resource["title"] = user.Title;
        }

        return resource;
    }

    private string Via() => caller.Description;

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var codes = result.Errors.Select(e => e.Code).ToList();
        var describer = new IdentityErrorDescriber();
        if (codes.Contains(describer.DuplicateUserName("").Code) || codes.Contains(describer.DuplicateEmail("").Code))
        {
            throw ScimException.Uniqueness("Another user of this company already has this userName or email.");
        }

        if (codes.Contains(describer.ConcurrencyFailure().Code))
        {
            throw ScimException.PreconditionFailed();
        }

        throw ScimException.InvalidValue(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

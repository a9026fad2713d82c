using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Companies;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// /organizations (the external companies the caller may learn exist: OrganizationVisibility, as the company page) and
/// /users (the company's people; roles only for HR and Admin callers). Read scope; personal and company tokens.
/// A company token has no contacts, so it sees the organizations colleagues share or make discoverable.
/// </summary>
public static class DirectoryEndpoints
{
    public static void MapOrganizations(this RouteGroupBuilder v1)
    {
        var organizations = v1.MapGroup("/organizations").WithTags("Organizations").RequireAuthorization(ApiPolicies.Read);
        organizations.MapGet("/", ListOrganizationsAsync).WithName("ListOrganizations")
            .WithSummary("External companies where you or a colleague (Shared or Discoverable) know someone; filter by name.")
            .Produces<ApiPage<ApiOrganization>>();
        organizations.MapGet("/{id:guid}", GetOrganizationAsync).WithName("GetOrganization").Produces<ApiOrganization>();
    }

    public static void MapUsers(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiPolicies.Read);
        users.MapGet("/", ListUsersAsync).WithName("ListUsers").WithSummary("The company's people (active ones unless ?includeInactive=true).")
            .Produces<ApiPage<ApiUser>>();
        users.MapGet("/{id:guid}", GetUserAsync).WithName("GetUser").Produces<ApiUser>();
    }

    private static IQueryable<Organization> Visible(HttpContext http, AppDbContext db)
    {
        // A company token (no user id) sees what any colleague would: Guid.Empty owns no contact.
        var me = Guid.TryParse(http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : Guid.Empty;
        return db.Organizations.AsNoTracking().VisibleTo(db.Contacts, me);
    }

    private static async Task<IResult> ListOrganizationsAsync(HttpContext http, AppDbContext db, string? name, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var query = Visible(http, db);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var normalized = OrganizationNames.Normalize(name);
            query = query.Where(o => o.NormalizedName.Contains(normalized));
        }

        if (page.After is { } after)
        {
            query = query.Where(o => o.Id > after);
        }

        return TypedResults.Ok(await query.OrderBy(o => o.Id).ToPageAsync(page, http, o => o.Id, ApiOrganization.From, cancellationToken));
    }

    private static async Task<IResult> GetOrganizationAsync(Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        await Visible(http, db).FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } organization
            ? TypedResults.Ok(ApiOrganization.From(organization))
            : ApiProblem.Result(StatusCodes.Status404NotFound);

    private static IQueryable<ApiUser> Users(IQueryable<AppUser> users)
    {
        return users.AsNoTracking().Select(u => new ApiUser(u.Id, u.DisplayName, u.DisplayNameKana, u.Email, u.Title,
            u.Department != null ? u.Department.Name : null, u.IsActive, u.ExpertiseTags, null));
    }

    /// <summary>Adds the roles when the caller is HR or Admin.</summary>
    private static async Task<IReadOnlyList<ApiUser>> WithRolesAsync(HttpContext http, AppDbContext db, IReadOnlyList<ApiUser> users, CancellationToken cancellationToken)
    {
        if (!http.User.IsInRole(Roles.Admin) && !http.User.IsInRole(Roles.HR))
        {
            return users;
        }

        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => new { r.UserId, role.Name })
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => u with { Roles = [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)] })];
    }

    private static async Task<IResult> ListUsersAsync(HttpContext http, AppDbContext db, bool? includeInactive, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var users = db.Users.Where(u => includeInactive == true || u.IsActive);
        if (page.After is { } after)
        {
            users = users.Where(u => u.Id > after);
        }

        var result = await Users(users.OrderBy(u => u.Id)).ToPageAsync(page, http, u => u.Id, u => u, cancellationToken);
        return TypedResults.Ok(result with { Items = await WithRolesAsync(http, db, result.Items, cancellationToken) });
    }

    private static async Task<IResult> GetUserAsync(Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        await Users(db.Users.Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } user
            ? TypedResults.Ok((await WithRolesAsync(http, db, [user], cancellationToken))[0])
            : ApiProblem.Result(StatusCodes.Status404NotFound);
}

public sealed record ApiOrganization(Guid Id, string Name, string? Domain, string? Industry)
{
    public static ApiOrganization From(Organization o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ApiOrganization(o.Id, o.Name, o.Domain, o.Industry);
    }
}

/// <summary>A person of the company; <see cref="Roles"/> only when the caller is HR or Admin.</summary>
public sealed record ApiUser(Guid Id, string DisplayName, string? DisplayNameKana, string? Email, string? Title, string? Department, bool IsActive,
    IReadOnlyList<string> Expertise, IReadOnlyList<string>? Roles);

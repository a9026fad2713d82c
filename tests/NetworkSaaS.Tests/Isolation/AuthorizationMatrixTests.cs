using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Exports.HrReview;
using NetworkSaaS.Web.Features.Ops;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// Authorization inside one company, built from the app's own endpoint data source (every Razor Page and every
/// handler the framework would dispatch to), checked against <see cref="AuthorizationTable"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private sealed record Handler(string HttpMethod, string? Name)
    {
        public override string ToString() => $"{HttpMethod} {Name ?? "(default)"}";
    }

    private sealed record Page(string Route, string Access, IReadOnlyList<Handler> Handlers);

    /// <summary>Every page of the web assembly: its route, what its authorization metadata lets through, its handlers.</summary>
    private async Task<IReadOnlyList<Page>> PagesAsync()
    {
        var loader = App.Services.GetRequiredService<PageLoader>();
        var pages = new List<Page>();
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .DistinctBy(e => e.RoutePattern.RawText);
        foreach (var endpoint in endpoints)
        {
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            var metadata = compiled.Endpoint?.Metadata ?? endpoint.Metadata;
            pages.Add(new Page(endpoint.RoutePattern.RawText!.Trim('/'), Classify(metadata),
                [.. compiled.HandlerMethods.Select(h => new Handler(h.HttpMethod.ToUpperInvariant(), string.IsNullOrEmpty(h.Name) ? null : h.Name))]));
        }

        return [.. pages.OrderBy(p => p.Route, StringComparer.Ordinal)];
    }

    /// <summary>What the authorization middleware would require, in <see cref="AuthorizationTable"/>'s terms.</summary>
    private static string Classify(EndpointMetadataCollection metadata)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return AuthorizationTable.Anonymous;
        }

        var authorize = metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0)
        {
            return AuthorizationTable.Anonymous;
        }

        var policies = authorize.Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
        if (policies.Contains(OperatorAuthentication.SignedInPolicy))
        {
            return AuthorizationTable.Operator;
        }

        if (policies.Contains(OperatorAuthentication.PasswordCheckedPolicy))
        {
            return AuthorizationTable.OperatorPasswordChecked;
        }

        Assert.All(policies, p => Assert.Fail($"policy '{p}': describe it in AuthorizationTable"));
        var roleSets = authorize.Where(a => !string.IsNullOrEmpty(a.Roles))
            .Select(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        if (roleSets.Count == 0)
        {
            return AuthorizationTable.SignedIn;
        }

        // Each [Authorize] must be satisfied: the roles that pass them all.
        return AuthorizationTable.Only([.. roleSets.Aggregate((IEnumerable<string>)roleSets[0], (all, next) => all.Intersect(next, StringComparer.Ordinal))]);
    }

    private static string[]? AllowedRoles(string access) =>
        access.StartsWith("roles: ", StringComparison.Ordinal) ? access["roles: ".Length..].Split(',') : null;

    [Fact]
    public async Task Every_page_is_in_the_expected_table_and_its_authorization_metadata_matches_it()
    {
        var pages = await PagesAsync();
        var expected = AuthorizationTable.Rows.ToDictionary(r => r.Route, StringComparer.Ordinal);
        var missing = pages.Where(p => !expected.ContainsKey(p.Route)).ToList();
        Assert.True(missing.Count == 0, "Pages missing from AuthorizationTable.Rows; add rows like\n" +
            string.Join("\n", missing.Select(p => $"    new(\"{p.Route}\", {Describe(p.Access)}), // handlers: {string.Join(", ", p.Handlers)}")));
        var stale = expected.Keys.Except(pages.Select(p => p.Route), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, $"AuthorizationTable.Rows lists pages that do not exist: {string.Join(", ", stale)}");
        Assert.True(AuthorizationTable.Rows.Count == expected.Count, "AuthorizationTable.Rows lists a page twice");

        foreach (var page in pages)
        {
            var row = expected[page.Route];
            Assert.True(row.Access == page.Access, $"/{page.Route}: the table expects '{row.Access}' but its authorization metadata lets through '{page.Access}'");
            foreach (var (handler, _) in row.HandlerAccess)
            {
                Assert.True(page.Handlers.Any(h => h.Name == handler), $"/{page.Route}: the table restricts handler '{handler}', which the page does not have");
            }
        }

        // The attack the matrix exists for: an employee calling the role editor on themselves.
        Assert.Equal(AuthorizationTable.Only(Roles.Admin), pages.Single(p => p.Route == "{tenant:slug}/admin/users/{id:guid}").Access);
    }

    [Fact]
    public async Task Every_handler_of_a_role_restricted_page_refuses_every_other_role_and_changes_nothing()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var ids = await TenantPageMatrix.SeedAsync(App, tenant, admin);
        var department = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var added = new Department { Name = "Board" };
            db.Departments.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var callers = new Dictionary<string, (AppUser User, HttpClient Client, string Token)>(StringComparer.Ordinal);
        foreach (var role in Roles.All)
        {
            var user = role == Roles.Admin ? admin : await App.CreateUserAsync(tenant, $"{role.ToLowerInvariant()}@acme.test", role);
            var client = await App.SignInAsync("acme", user.Email!);
            callers[role] = (user, client, await client.AntiforgeryTokenAsync("/acme/account/profile"));
        }

        var pages = await PagesAsync();
        var expected = AuthorizationTable.Rows.ToDictionary(r => r.Route, StringComparer.Ordinal);
        var paths = TenantPageMatrix.Rows.ToDictionary(r => r.Route, StringComparer.Ordinal);
        var before = await DatabaseSnapshot.TakeAsync(SuperUserConnectionString);
        var refused = new List<string>();
        var restrictedPages = new List<string>();
        foreach (var page in pages.Where(p => expected.ContainsKey(p.Route)))
        {
            var row = expected[page.Route];
            foreach (var handler in page.Handlers)
            {
                var access = row.HandlerAccess.Where(h => h.Handler == handler.Name).Select(h => h.Access).FirstOrDefault() ?? row.Access;
                if (AllowedRoles(access) is not { } allowed)
                {
                    continue;
                }

                Assert.True(paths.ContainsKey(page.Route), $"/{page.Route} is restricted to {access} but has no path in TenantPageMatrix");
                restrictedPages.Add(page.Route);
                foreach (var role in Roles.All.Where(r => !allowed.Contains(r)))
                {
                    var (user, client, token) = callers[role];
                    // Route ids are the caller's own where the page takes a user (so admin/users/{id}?handler=Roles is self-promotion).
                    var url = WithHandler(paths[page.Route].Path(ids with { UserId = user.Id }), handler.Name);
                    var response = handler.HttpMethod == "GET"
                        ? await client.GetAsync($"/acme/{url}")
                        : await client.PostFormWithTokenAsync($"/acme/{url}", DangerousForm(ids, department), token, expect: HttpStatusCode.Forbidden);
                    Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                        $"{handler.HttpMethod} /acme/{url} as {role} (allowed: {access}) answered {(int)response.StatusCode}");
                    refused.Add($"{handler.HttpMethod} {url} as {role}");
                }
            }
        }

        DatabaseSnapshot.AssertUnchanged(before, await DatabaseSnapshot.TakeAsync(SuperUserConnectionString), "A refused call");
        Assert.Contains("POST admin/users/" + callers[Roles.Employee].User.Id + "?handler=Roles as Employee", refused);
        Assert.Contains("POST exports?handler=HrReview as Manager", refused);
        Assert.Contains("GET reports/health?period=FY2026 as HR", refused);

        // The same addresses work for a role that is allowed, so the refusals above are about the role, not the address.
        foreach (var route in restrictedPages.Distinct().Where(r => AllowedRoles(expected[r].Access) is { } allowed && allowed.Contains(Roles.Admin)))
        {
            var url = paths[route].Path(ids with { UserId = callers[Roles.Employee].User.Id });
            Assert.True((await callers[Roles.Admin].Client.GetAsync($"/acme/{url}")).StatusCode == HttpStatusCode.OK, $"GET /acme/{url} as Admin");
        }
    }

    private static string WithHandler(string path, string? handler) =>
        handler is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}";

    /// <summary>A form that would change something through any admin, HR or report handler that let it through.</summary>
    private static Dictionary<string, string> DangerousForm(TenantPageMatrix.MatrixIds ids, Guid department) => new()
    {
        ["roles"] = Roles.Admin,
        ["departmentId"] = department.ToString(),
        ["invitationId"] = ids.InvitationId.ToString(),
        ["exportId"] = ids.ExportId.ToString(),
        ["newDepartment"] = "Planted",
        ["Invite.Email"] = "planted@acme.test",
        ["Input.Name"] = "Planted company name",
        ["format"] = "Csv",
        ["Review.From"] = "2026-01-01",
        ["Review.To"] = "2026-03-31",
        ["Review.Columns[0]"] = HrReviewColumns.All[0],
    };

    private static string Describe(string access) =>
        access switch
        {
            AuthorizationTable.Anonymous => "Anonymous",
            AuthorizationTable.SignedIn => "SignedIn",
            AuthorizationTable.Operator => "Operator",
            AuthorizationTable.OperatorPasswordChecked => "OperatorPasswordChecked",
            _ => $"Only({string.Join(", ", AllowedRoles(access)!.Select(r => $"Roles.{r}"))})",
        };
}

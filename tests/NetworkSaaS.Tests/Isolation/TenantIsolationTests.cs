using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>Layer 1 (path + tenant claim) and layer 2 (EF filter) seen from HTTP, for every tenant page and handler.</summary>
public class TenantIsolationTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public void Every_tenant_page_and_handler_is_in_the_isolation_matrix()
    {
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r.StartsWith("{tenant", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var covered = TenantPageMatrix.Rows.Select(r => r.Route).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(routes, covered);

        foreach (var row in TenantPageMatrix.Rows)
        {
            var postHandlers = row.Model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.True(postHandlers.SequenceEqual(row.PostHandlers.Order(StringComparer.Ordinal)),
                $"{row.Route}: handlers [{string.Join(", ", postHandlers)}] but the matrix lists [{string.Join(", ", row.PostHandlers)}]");
        }
    }

    [Fact]
    public async Task A_cookie_from_tenant_a_gets_404_on_every_page_and_handler_of_tenant_b()
    {
        var (_, adminA) = await App.CreateTenantAsync("alpha");
        var (tenantB, adminB) = await App.CreateTenantAsync("bravo");
        var ids = await TenantPageMatrix.SeedAsync(App, tenantB, adminB);
        var client = await App.SignInAsync("alpha", adminA.Email!);
        var token = await client.AntiforgeryTokenAsync("/alpha/admin");

        foreach (var row in TenantPageMatrix.Rows)
        {
            var path = $"/bravo/{row.Path(ids)}";
            var get = await client.GetAsync(path);
            await AssertNotFoundWithoutDataAsync(get, $"GET {path}", tenantB, adminB);
            foreach (var handler in row.PostHandlers)
            {
                var url = handler.Length == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}";
                var post = await client.PostFormWithTokenAsync(url, new() { ["invitationId"] = ids.InvitationId.ToString(), ["roles"] = Roles.Admin }, token, expect: HttpStatusCode.NotFound);
                await AssertNotFoundWithoutDataAsync(post, $"POST {url}", tenantB, adminB);
            }
        }

        // Nothing in tenant B changed.
        var stillOpen = await App.InTenantAsync(tenantB, sp => sp.GetRequiredService<AppDbContext>().Invitations.CountAsync(i => i.RevokedAt == null));
        Assert.Equal(1, stillOpen);
    }

    [Fact]
    public async Task Ids_of_tenant_a_fetched_through_tenant_b_paths_are_404_and_change_nothing()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync("alpha");
        var (_, adminB) = await App.CreateTenantAsync("bravo");
        var employeeA = await App.CreateUserAsync(tenantA, "worker@alpha.test");
        var idsA = await TenantPageMatrix.SeedAsync(App, tenantA, adminA);
        var client = await App.SignInAsync("bravo", adminB.Email!);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bravo/admin/users/{employeeA.Id}")).StatusCode);
        await client.PostFormAsync($"/bravo/admin/users/{employeeA.Id}?handler=Deactivate", [], "/bravo/admin", expect: HttpStatusCode.NotFound);
        await client.PostFormAsync($"/bravo/admin/users/{employeeA.Id}?handler=Roles", new() { ["roles"] = Roles.Admin }, "/bravo/admin", expect: HttpStatusCode.NotFound);
        await client.PostFormAsync("/bravo/admin?handler=Revoke", new() { ["invitationId"] = idsA.InvitationId.ToString() }, "/bravo/admin", expect: HttpStatusCode.NotFound);
        var invitationPage = await client.GetAsync($"/bravo/account/invitation?token={idsA.InvitationToken}");
        Assert.Equal(HttpStatusCode.Gone, invitationPage.StatusCode);
        Assert.DoesNotContain(idsA.InvitationId.ToString(), await invitationPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (active, roles, openInvitations) = await App.InTenantAsync(tenantA, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = await users.FindByIdAsync(employeeA.Id.ToString());
            var open = await sp.GetRequiredService<AppDbContext>().Invitations.CountAsync(i => i.RevokedAt == null);
            return (user!.IsActive, await users.GetRolesAsync(user), open);
        });
        Assert.True(active);
        Assert.Equal([Roles.Employee], roles);
        Assert.Equal(1, openInvitations);
    }

    [Fact]
    public async Task Company_b_with_company_a_ids_under_its_own_path_gets_404_on_every_page_and_handler_that_takes_an_id()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync("alpha");
        var (tenantB, adminB) = await App.CreateTenantAsync("bravo");
        var idsA = await TenantPageMatrix.SeedAsync(App, tenantA, adminA);
        await TenantPageMatrix.SeedAsync(App, tenantB, adminB); // B has rows of every kind too: only the ids are foreign
        var client = await App.SignInAsync("bravo", adminB.Email!);
        var token = await client.AntiforgeryTokenAsync("/bravo/admin");
        var foreignIds = new[] { idsA.UserId, idsA.InvitationId, idsA.ContactId, idsA.OtherContactId, idsA.OrganizationId, idsA.ImportBatchId,
            idsA.IntroductionId, idsA.AskId, idsA.ExportId, idsA.PrivacyRequestId, idsA.WebhookSubscriptionId }.Select(id => id.ToString()).ToList();
        var form = new Dictionary<string, string>
        {
            ["invitationId"] = idsA.InvitationId.ToString(), ["exportId"] = idsA.ExportId.ToString(), ["contactId"] = idsA.ContactId.ToString(),
            ["roles"] = Roles.Admin, ["Message"] = "Secret", ["Reason"] = "Secret",
        };

        // Every route with an id parameter, from the endpoint data source, must be exercised below.
        var idRoutes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.Any(p => p.Name != "tenant" && p.ParameterPolicies.Any(c => c.Content == "guid")))
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .ToHashSet(StringComparer.Ordinal);
        var rows = TenantPageMatrix.Rows.Where(r => foreignIds.Any(id => r.Path(idsA).Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Empty(idRoutes.Except(rows.Select(r => r.Route)));

        var before = await DatabaseSnapshot.TakeAsync(SuperUserConnectionString);
        foreach (var row in rows.Where(r => !CrossTenantIdAnswers.ContainsKey(r.Route)))
        {
            var path = $"/bravo/{row.Path(idsA)}";
            await AssertNotFoundWithoutDataAsync(await client.GetAsync(path), $"GET {path}", tenantA, adminA);
            foreach (var handler in row.PostHandlers)
            {
                var url = handler.Length == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}";
                await AssertNotFoundWithoutDataAsync(await client.PostFormWithTokenAsync(url, form, token, expect: HttpStatusCode.NotFound), $"POST {url}", tenantA, adminA);
            }
        }

        foreach (var (route, status) in CrossTenantIdAnswers)
        {
            var row = TenantPageMatrix.Rows.Single(r => r.Route == route);
            var path = $"/bravo/{row.Path(idsA)}";
            foreach (var response in new[] { await client.GetAsync(path) }.Concat(await Task.WhenAll(row.PostHandlers.Select(h =>
                client.PostFormWithTokenAsync(h.Length == 0 ? path : $"{path}&handler={h}", form, token, expect: status)))))
            {
                Assert.True(response.StatusCode == status, $"{response.RequestMessage!.Method} {path} answered {(int)response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Secret", body, StringComparison.Ordinal);
                Assert.DoesNotContain(adminA.Email!, body, StringComparison.Ordinal);
            }
        }

        DatabaseSnapshot.AssertUnchanged(before, await DatabaseSnapshot.TakeAsync(SuperUserConnectionString), "Company B calling with company A's ids");
    }

    /// <summary>Pages that take a foreign id but answer as for any unknown id (not 404): what they must answer instead.</summary>
    private static readonly Dictionary<string, HttpStatusCode> CrossTenantIdAnswers = new(StringComparer.Ordinal)
    {
        ["{tenant:slug}/account/reset-password"] = HttpStatusCode.OK, // the form, whose token then fails like any wrong one
        ["{tenant:slug}/account/invitation"] = HttpStatusCode.Gone, // an unknown invitation
    };

    [Fact]
    public async Task Unknown_company_is_a_localized_404_and_anonymous_visitors_are_sent_to_their_company_login()
    {
        var client = App.CreateBrowserlikeClient();
        var unknown = await client.GetAsync("/no-such-company/");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("id=\"status-page\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await App.CreateTenantAsync("bravo");
        var anonymous = await client.GetAsync("/bravo/admin");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/bravo/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_a_form_without_its_antiforgery_token_is_refused()
    {
        var (_, admin) = await App.CreateTenantAsync("alpha");
        var client = await App.SignInAsync("alpha", admin.Email!);
        var response = await client.PostFormWithTokenAsync("/alpha/admin/settings?handler=AddDepartment", new() { ["NewDepartment"] = "Sales" }, token: null, expect: HttpStatusCode.BadRequest);
    }

    private static async Task AssertNotFoundWithoutDataAsync(HttpResponseMessage response, string what, ITenantInfo other, AppUser otherAdmin)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what} answered {(int)response.StatusCode}");
        Assert.DoesNotContain(other.Name, body, StringComparison.Ordinal);
        Assert.DoesNotContain(otherAdmin.Email!, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", body, StringComparison.Ordinal);
    }
}

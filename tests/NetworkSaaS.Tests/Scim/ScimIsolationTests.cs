using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Scim;

/// <summary>A SCIM token of company A never reads or writes company B: not under B's path, not by B's ids under A's.</summary>
public sealed class ScimIsolationTests(PostgresCluster cluster) : ScimTest(cluster)
{
    [Fact]
    public async Task A_token_of_company_A_is_401_under_company_B_and_nothing_of_B_is_written()
    {
        var (a, _) = await App.CreateTenantAsync("alpha");
        var (b, bAdmin) = await App.CreateTenantAsync("beta");
        var alphaToken = Client(await CreateTokenAsync(a));
        var before = await CountsAsync(b);

        AssertError(await GetAsync(alphaToken, "/beta/scim/v2/Users"), HttpStatusCode.Unauthorized);
        AssertError(await GetAsync(alphaToken, $"/beta/scim/v2/Users/{bAdmin.Id}"), HttpStatusCode.Unauthorized);
        AssertError(await PostAsync(alphaToken, "/beta/scim/v2/Users", OktaCreateUser("intruder@beta.test", "x")), HttpStatusCode.Unauthorized);
        AssertError(await PatchAsync(alphaToken, $"/beta/scim/v2/Users/{bAdmin.Id}",
            """{"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""), HttpStatusCode.Unauthorized);
        AssertError(await DeleteAsync(alphaToken, $"/beta/scim/v2/Users/{bAdmin.Id}"), HttpStatusCode.Unauthorized);
        AssertError(await PostAsync(alphaToken, "/beta/scim/v2/Groups", """{"displayName":"Intruders"}"""), HttpStatusCode.Unauthorized);
        AssertError(await GetAsync(alphaToken, "/beta/scim/v2/ServiceProviderConfig"), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await CountsAsync(b));
        Assert.True((await UserAsync(b, bAdmin.Id))!.IsActive);
    }

    [Fact]
    public async Task Company_B_ids_under_company_A_are_404_or_invalid_and_B_is_unchanged()
    {
        var (a, aAdmin) = await App.CreateTenantAsync("alpha");
        var (b, bAdmin) = await App.CreateTenantAsync("beta");
        var alpha = Client(await CreateTokenAsync(a));
        var beta = Client(await CreateTokenAsync(b));
        var bGroup = await PostAsync(beta, "/beta/scim/v2/Groups", $$"""{"displayName":"Beta team","members":[{"value":"{{bAdmin.Id}}"}]}""");
        var before = await CountsAsync(b);

        AssertError(await GetAsync(alpha, $"/alpha/scim/v2/Users/{bAdmin.Id}"), HttpStatusCode.NotFound);
        AssertError(await PutAsync(alpha, $"/alpha/scim/v2/Users/{bAdmin.Id}", OktaCreateUser("admin@beta.test", "x")), HttpStatusCode.NotFound);
        AssertError(await PatchAsync(alpha, $"/alpha/scim/v2/Users/{bAdmin.Id}",
            """{"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""), HttpStatusCode.NotFound);
        AssertError(await DeleteAsync(alpha, $"/alpha/scim/v2/Users/{bAdmin.Id}"), HttpStatusCode.NotFound);
        AssertError(await GetAsync(alpha, $"/alpha/scim/v2/Groups/{bGroup.Id}"), HttpStatusCode.NotFound);
        AssertError(await PatchAsync(alpha, $"/alpha/scim/v2/Groups/{bGroup.Id}",
            """{"Operations":[{"op":"remove","path":"members"}]}"""), HttpStatusCode.NotFound);
        AssertError(await DeleteAsync(alpha, $"/alpha/scim/v2/Groups/{bGroup.Id}"), HttpStatusCode.NotFound);

        // B's people cannot be found, made members of A's groups, or become an A user's manager.
        var search = await GetAsync(alpha, "/alpha/scim/v2/Users?filter=" + Uri.EscapeDataString($"userName eq \"{bAdmin.UserName}\""));
        Assert.Equal(0, search.Body!["totalResults"]!.GetValue<int>());
        var byId = await GetAsync(alpha, "/alpha/scim/v2/Users?filter=" + Uri.EscapeDataString($"id eq \"{bAdmin.Id}\""));
        Assert.Equal(0, byId.Body!["totalResults"]!.GetValue<int>());
        var groups = await GetAsync(alpha, "/alpha/scim/v2/Groups");
        Assert.Equal(0, groups.Body!["totalResults"]!.GetValue<int>());
        AssertError(await PostAsync(alpha, "/alpha/scim/v2/Groups", $$"""{"displayName":"Mixed","members":[{"value":"{{bAdmin.Id}}"}]}"""),
            HttpStatusCode.BadRequest, "invalidValue");
        AssertError(await PatchAsync(alpha, $"/alpha/scim/v2/Users/{aAdmin.Id}", $$"""
            {"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{bAdmin.Id}}"}]}
            """), HttpStatusCode.BadRequest, "invalidValue");

        Assert.Equal(before, await CountsAsync(b));
        Assert.True((await UserAsync(b, bAdmin.Id))!.IsActive);
        Assert.Null((await UserAsync(a, aAdmin.Id))!.ManagerId);
        Assert.Equal(0, await App.InTenantAsync(a, sp => sp.GetRequiredService<AppDbContext>().ScimGroups.CountAsync()));
    }

    [Fact]
    public async Task No_token_a_wrong_token_a_revoked_or_expired_token_or_a_signed_in_cookie_is_401()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        var token = await CreateTokenAsync(tenant);
        var expired = await CreateTokenAsync(tenant, "Old", DateTimeOffset.UtcNow.AddMinutes(-1));

        AssertError(await GetAsync(Client(null), "/alpha/scim/v2/Users"), HttpStatusCode.Unauthorized);
        AssertError(await GetAsync(Client(token[..^2] + "xx"), "/alpha/scim/v2/Users"), HttpStatusCode.Unauthorized);
        AssertError(await GetAsync(Client("not-a-scim-token"), "/alpha/scim/v2/Users"), HttpStatusCode.Unauthorized);
        AssertError(await GetAsync(Client(expired), "/alpha/scim/v2/Users"), HttpStatusCode.Unauthorized);

        // The admin's own browser session is no SCIM credential.
        var browser = await App.SignInAsync("alpha", admin.Email!);
        var withCookie = await browser.GetAsync("/alpha/scim/v2/Users");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Client(token), "/alpha/scim/v2/Users")).Status);
        var tokenId = Guid.ParseExact(token.AsSpan("scim_".Length, 32), "N");
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<Web.Features.Scim.ScimTokenService>().RevokeAsync(tokenId, CancellationToken.None));
        AssertError(await GetAsync(Client(token), "/alpha/scim/v2/Users"), HttpStatusCode.Unauthorized);
    }

    private Task<(int Users, int Groups, int Members, int Departments, int Audit)> CountsAsync(Core.Features.Tenancy.ITenantInfo tenant) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Users.CountAsync(u => u.IsActive), await db.ScimGroups.CountAsync(), await db.ScimGroupMembers.CountAsync(),
                await db.Departments.CountAsync(), await db.AuditEntries.CountAsync());
        });
}

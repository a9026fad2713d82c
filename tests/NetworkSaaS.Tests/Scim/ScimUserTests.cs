using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Scim;

/// <summary>/Users with the bodies Entra ID and Okta send, including their non-standard PATCH forms.</summary>
public sealed class ScimUserTests(PostgresCluster cluster) : ScimTest(cluster)
{
    [Fact]
    public async Task Entra_creates_a_user_finds_it_by_userName_and_externalId_and_gets_it()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));

        var created = await PostAsync(scim, "/acme/scim/v2/Users",
            EntraCreateUser("Test_User_ab6490ee@acme.test", "Test_User_fd0ea19b@acme.test", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Id;
        Assert.Equal($"{RequiredSettings.BaseUrl}/acme/scim/v2/Users/{id}", created.Response.Headers.Location!.ToString());
        Assert.Equal($"{RequiredSettings.BaseUrl}/acme/scim/v2/Users/{id}", created.Body!["meta"]!["location"]!.GetValue<string>());
        Assert.StartsWith("W/\"", created.ETag, StringComparison.Ordinal);
        Assert.Equal(created.ETag, created.Body["meta"]!["version"]!.GetValue<string>());
        Assert.Equal("givenName familyName", created.Body["displayName"]!.GetValue<string>());
        Assert.True(created.Body["active"]!.GetValue<bool>());

        var user = await UserAsync(tenant, Guid.Parse(id));
        Assert.Equal("Test_User_fd0ea19b@acme.test", user!.Email);
        Assert.Equal("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", user.ExternalId);
        Assert.True(user.IsActive);
        Assert.Contains("Employee", await RolesAsync(tenant, user.Id));

        // userName is case-insensitive (RFC 7643); externalId is case-exact.
        var byName = await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"test_user_AB6490EE@acme.test\""));
        Assert.Equal(1, byName.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(id, byName.Body["Resources"]![0]!["id"]!.GetValue<string>());
        var byExternalId = await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""));
        Assert.Equal(1, byExternalId.Body!["totalResults"]!.GetValue<int>());
        var byId = await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString($"id eq \"{id}\""));
        Assert.Equal(1, byId.Body!["totalResults"]!.GetValue<int>());
        var none = await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"nobody@acme.test\""));
        Assert.Equal(0, none.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", none.Body["schemas"]![0]!.GetValue<string>());

        var got = await GetAsync(scim, $"/acme/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal("Test_User_ab6490ee@acme.test", got.Body!["userName"]!.GetValue<string>());

        var audited = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.Action == AuditActions.ScimUserCreated));
        Assert.True(audited);
    }

    [Fact]
    public async Task Other_filters_are_refused_with_invalidFilter()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));

        foreach (var filter in new[] { "displayName eq \"x\"", "userName sw \"a\"", "userName eq \"a\" and active eq true", "userName eq" })
        {
            AssertError(await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString(filter)), HttpStatusCode.BadRequest, "invalidFilter");
        }
    }

    [Fact]
    public async Task Okta_creates_a_user_and_pages_through_users()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant, "Okta"));

        var created = await PostAsync(scim, "/acme/scim/v2/Users", OktaCreateUser("test.user@okta.local", "00ujl29u0le5T6Aj10h7"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Test User", created.Body!["displayName"]!.GetValue<string>());

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(scim, "/acme/scim/v2/Users", OktaCreateUser($"user{i}@okta.local", $"00u{i}"))).Status);
        }

        // Six users: the company's first admin and five provisioned.
        var page = await GetAsync(scim, "/acme/scim/v2/Users?startIndex=3&count=2");
        Assert.Equal(6, page.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(3, page.Body["startIndex"]!.GetValue<int>());
        Assert.Equal(2, page.Body["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(2, page.Body["Resources"]!.AsArray().Count);

        var last = await GetAsync(scim, "/acme/scim/v2/Users?startIndex=6&count=100");
        Assert.Single(last.Body!["Resources"]!.AsArray());
        var countOnly = await GetAsync(scim, "/acme/scim/v2/Users?count=0");
        Assert.Equal(6, countOnly.Body!["totalResults"]!.GetValue<int>());
        Assert.Empty(countOnly.Body["Resources"]!.AsArray());

        // Okta's check before creating: filter on userName with paging parameters.
        var okta = await GetAsync(scim, "/acme/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");
        Assert.Equal(1, okta.Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_duplicate_userName_is_409_uniqueness_and_creates_nothing()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(scim, "/acme/scim/v2/Users", OktaCreateUser("dup@acme.test", "1"))).Status);

        AssertError(await PostAsync(scim, "/acme/scim/v2/Users", OktaCreateUser("DUP@acme.test", "2")), HttpStatusCode.Conflict, "uniqueness");
        var count = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync());
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task Entra_patch_forms_update_email_name_title_department_and_manager()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));
        var id = (await PostAsync(scim, "/acme/scim/v2/Users", EntraCreateUser("taro@acme.test", "taro@acme.test", "e1"))).Id;
        var boss = (await PostAsync(scim, "/acme/scim/v2/Users", EntraCreateUser("boss@acme.test", "boss@acme.test", "e2"))).Id;

        // Capitalised ops, filtered paths, an attribute we do not keep, and the enterprise extension with a plain id.
        var patched = await PatchAsync(scim, $"/acme/scim/v2/Users/{id}", $$"""
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [
                    { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "taro.yamada@acme.test" },
                    { "op": "Replace", "path": "name.familyName", "value": "山田" },
                    { "op": "Replace", "path": "name.givenName", "value": "太郎" },
                    { "op": "Add", "path": "addresses[type eq \"work\"].formatted", "value": "1-1 Marunouchi, Tokyo" },
                    { "op": "Add", "path": "title", "value": "課長" },
                    { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "営業部" },
                    { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{{boss}}" }
                ]
            }
            """);

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var user = await UserAsync(tenant, Guid.Parse(id));
        Assert.Equal("taro.yamada@acme.test", user!.Email);
        Assert.Equal("山田 太郎", user.DisplayName);
        Assert.Equal("課長", user.Title);
        Assert.Equal("営業部", user.Department!.Name);
        Assert.Equal(Guid.Parse(boss), user.ManagerId);
        Assert.Equal("営業部", patched.Body!["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"]!.GetValue<string>());
        Assert.Equal(boss, patched.Body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["manager"]!["value"]!.GetValue<string>());

        // The department was created on first use, once; a second user in it reuses it.
        var other = (await PostAsync(scim, "/acme/scim/v2/Users", EntraCreateUser("hanako@acme.test", "hanako@acme.test", "e3"))).Id;
        await PatchAsync(scim, $"/acme/scim/v2/Users/{other}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"営業部","displayName":"Hanako"}}]}
            """);
        var departments = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Departments.Where(d => d.Name == "営業部").CountAsync());
        Assert.Equal(1, departments);
        Assert.Equal((await UserAsync(tenant, Guid.Parse(id)))!.DepartmentId, (await UserAsync(tenant, Guid.Parse(other)))!.DepartmentId);
        var added = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.DepartmentAdded));
        Assert.Equal(1, added);

        // The manager as {"value": id}, then removed.
        await PatchAsync(scim, $"/acme/scim/v2/Users/{other}", $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"{{{admin.Id}}}"}}]}
            """);
        Assert.Equal(admin.Id, (await UserAsync(tenant, Guid.Parse(other)))!.ManagerId);
        await PatchAsync(scim, $"/acme/scim/v2/Users/{other}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}
            """);
        Assert.Null((await UserAsync(tenant, Guid.Parse(other)))!.ManagerId);

        // A manager who is not a user of the company is an invalid value.
        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Users/{other}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{Guid.NewGuid()}}"}]}
            """), HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task Entra_forms_without_the_aadOptscim062020_flag_are_understood()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));
        var id = (await PostAsync(scim, "/acme/scim/v2/Users", EntraCreateUser("babs@acme.test", "babs@acme.test", "e1", "Babs", "Jensen"))).Id;

        // Single values wrapped in [{"value": …}], dotted attribute names inside a value object, booleans as strings.
        var patched = await PatchAsync(scim, $"/acme/scim/v2/Users/{id}", """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [
                    { "op": "Add", "path": "nickName", "value": [{ "value": "Babs" }] },
                    { "op": "Replace", "path": "title", "value": [{ "value": "Team Lead" }] },
                    { "op": "Add", "value": { "name.givenName": "Barbara", "active": "True" } },
                    { "op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "value": { "department": "Research" } }
                ]
            }
            """);

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var user = await UserAsync(tenant, Guid.Parse(id));
        Assert.Equal("Team Lead", user!.Title);
        Assert.Equal("Barbara Jensen", user.DisplayName);
        Assert.Equal("Research", user.Department!.Name);
        Assert.True(user.IsActive);

        await PatchAsync(scim, $"/acme/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"title"},{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]}
            """);
        user = await UserAsync(tenant, Guid.Parse(id));
        Assert.Null(user!.Title);
        Assert.Null(user.DepartmentId);
    }

    [Fact]
    public async Task Deactivation_by_Entra_string_False_ends_a_live_session_and_Okta_reactivates()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var employee = await App.CreateUserAsync(tenant, "leaver@acme.test");
        var browser = await App.SignInAsync("acme", "leaver@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/acme/")).StatusCode);
        var scim = Client(await CreateTokenAsync(tenant));

        var patched = await PatchAsync(scim, $"/acme/scim/v2/Users/{employee.Id}", """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [
                    { "op": "Replace", "path": "active", "value": "False" }
                ]
            }
            """);

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.False(patched.Body!["active"]!.GetValue<bool>());
        var next = await browser.GetAsync("/acme/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/acme/account/login", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False((await UserAsync(tenant, employee.Id))!.IsActive);

        // Okta's form: no path, a value object.
        var reactivated = await PatchAsync(scim, $"/acme/scim/v2/Users/{employee.Id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}
            """);
        Assert.True(reactivated.Body!["active"]!.GetValue<bool>());
        Assert.True((await UserAsync(tenant, employee.Id))!.IsActive);

        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Users/{employee.Id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"perhaps"}]}
            """), HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task Put_replaces_the_user_and_If_Match_with_an_old_version_is_412()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant, "Okta"));
        var created = await PostAsync(scim, "/acme/scim/v2/Users", OktaCreateUser("put@acme.test", "o1"));
        var id = created.Id;
        await PatchAsync(scim, $"/acme/scim/v2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"Engineer"}]}""");

        // Okta's PUT: the whole user, without title now.
        var put = await PutAsync(scim, $"/acme/scim/v2/Users/{id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id": "{{id}}",
              "userName": "put@acme.test",
              "name": { "givenName": "Another", "familyName": "Name" },
              "emails": [{ "primary": true, "value": "put@acme.test", "type": "work" }],
              "displayName": "Another Name",
              "externalId": "o1",
              "active": true,
              "meta": { "resourceType": "User" }
            }
            """);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var user = await UserAsync(tenant, Guid.Parse(id));
        Assert.Null(user!.Title);
        Assert.Equal("Another Name", user.DisplayName);

        // The version the client saw before the PUT is stale now.
        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"Late"}]}""", created.ETag),
            HttpStatusCode.PreconditionFailed);
        Assert.Null((await UserAsync(tenant, Guid.Parse(id)))!.Title);
        AssertError(await DeleteAsync(scim, $"/acme/scim/v2/Users/{id}", created.ETag), HttpStatusCode.PreconditionFailed);

        var current = await PatchAsync(scim, $"/acme/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"On time"}]}""", put.ETag);
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.NotEqual(put.ETag, current.ETag);
    }

    [Fact]
    public async Task Delete_deactivates_keeps_the_data_then_404_and_the_person_can_be_provisioned_again()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var leaver = await App.CreateUserAsync(tenant, "leaver@acme.test");
        var contact = await App.CreateContactAsync(tenant, leaver.Id, "Kept", "Contact", "Client Corp");
        var browser = await App.SignInAsync("acme", "leaver@acme.test");
        var scim = Client(await CreateTokenAsync(tenant));
        await PatchAsync(scim, $"/acme/scim/v2/Users/{leaver.Id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{admin.Id}}"}]}
            """);

        var deleted = await DeleteAsync(scim, $"/acme/scim/v2/Users/{leaver.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        AssertError(await GetAsync(scim, $"/acme/scim/v2/Users/{leaver.Id}"), HttpStatusCode.NotFound);
        AssertError(await DeleteAsync(scim, $"/acme/scim/v2/Users/{leaver.Id}"), HttpStatusCode.NotFound);
        var list = await GetAsync(scim, "/acme/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"leaver@acme.test\""));
        Assert.Equal(0, list.Body!["totalResults"]!.GetValue<int>());
        var user = await UserAsync(tenant, leaver.Id);
        Assert.False(user!.IsActive);
        Assert.NotNull(user.DirectoryDeletedAt);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/acme/")).StatusCode);
        var (contactKept, successorAudited) = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Contacts.AnyAsync(c => c.Id == contact.Id),
                await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UserDeactivated && a.Details == $"successor {admin.Id}"));
        });
        Assert.True(contactKept);
        Assert.True(successorAudited);

        var again = await PostAsync(scim, "/acme/scim/v2/Users", EntraCreateUser("leaver@acme.test", "leaver@acme.test", "back"));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(leaver.Id.ToString(), again.Id);
        Assert.True((await UserAsync(tenant, leaver.Id))!.IsActive);
    }

    [Fact]
    public async Task Errors_are_in_SCIM_format_and_projection_parameters_apply()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));

        AssertError(await GetAsync(scim, $"/acme/scim/v2/Users/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        AssertError(await GetAsync(scim, "/acme/scim/v2/Users/not-a-guid"), HttpStatusCode.NotFound);
        AssertError(await PostAsync(scim, "/acme/scim/v2/Users", "{ not json"), HttpStatusCode.BadRequest, "invalidSyntax");
        AssertError(await PostAsync(scim, "/acme/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true}"""),
            HttpStatusCode.BadRequest, "invalidValue");
        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Users/{admin.Id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"""),
            HttpStatusCode.BadRequest, "invalidSyntax");
        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Users/{admin.Id}", """{"Operations":[{"op":"remove"}]}"""), HttpStatusCode.BadRequest, "noTarget");

        // application/json is accepted as well as application/scim+json.
        var plainJson = await SendAsync(scim, HttpMethod.Post, "/acme/scim/v2/Users", OktaCreateUser("json@acme.test", "j"), contentType: "application/json");
        Assert.Equal(HttpStatusCode.Created, plainJson.Status);

        var some = await GetAsync(scim, $"/acme/scim/v2/Users/{admin.Id}?attributes=userName");
        Assert.NotNull(some.Body!["userName"]);
        Assert.NotNull(some.Body["id"]);
        Assert.Null(some.Body["emails"]);
        var without = await GetAsync(scim, $"/acme/scim/v2/Users/{admin.Id}?excludedAttributes=emails,groups");
        Assert.Null(without.Body!["emails"]);
        Assert.NotNull(without.Body["userName"]);

        foreach (var discovery in new[] { "ServiceProviderConfig", "ResourceTypes", "Schemas" })
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(scim, $"/acme/scim/v2/{discovery}")).Status);
        }

        var config = await GetAsync(scim, "/acme/scim/v2/ServiceProviderConfig");
        Assert.True(config.Body!["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(config.Body["etag"]!["supported"]!.GetValue<bool>());
    }
}

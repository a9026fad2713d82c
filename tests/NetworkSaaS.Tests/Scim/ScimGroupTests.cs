using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Scim;

/// <summary>/Groups as Entra ID and Okta push them; roles follow membership through the directory group → role mapping.</summary>
public sealed class ScimGroupTests(PostgresCluster cluster) : ScimTest(cluster)
{
    [Fact]
    public async Task Entra_adds_and_removes_members_and_the_mapped_role_follows()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var member = await App.CreateUserAsync(tenant, "member@acme.test");
        await MapGroupToRoleAsync(tenant, "Sales Managers", Roles.Manager);
        var scim = Client(await CreateTokenAsync(tenant));

        // Entra ID's "Create a new Group" (no members yet), then its member PATCHes with "$ref": null.
        var group = await PostAsync(scim, "/acme/scim/v2/Groups", """
            {
                "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                "displayName": "Sales Managers",
                "meta": { "resourceType": "Group" },
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"]
            }
            """);
        Assert.Equal(HttpStatusCode.Created, group.Status);
        Assert.DoesNotContain(Roles.Manager, await RolesAsync(tenant, member.Id));

        var added = await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", $$"""
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Add",
                    "path": "members",
                    "value": [{ "$ref": null, "value": "{{member.Id}}" }]
                }]
            }
            """);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal(member.Id.ToString(), added.Body!["members"]![0]!["value"]!.GetValue<string>());
        Assert.Contains(Roles.Manager, await RolesAsync(tenant, member.Id));
        var user = await GetAsync(scim, $"/acme/scim/v2/Users/{member.Id}");
        Assert.Equal("Sales Managers", user.Body!["groups"]![0]!["display"]!.GetValue<string>());

        var removed = await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", $$"""
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Remove",
                    "path": "members",
                    "value": [{ "$ref": null, "value": "{{member.Id}}" }]
                }]
            }
            """);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.DoesNotContain(Roles.Manager, await RolesAsync(tenant, member.Id));
        Assert.Contains(Roles.Employee, await RolesAsync(tenant, member.Id));

        // Entra's "Update Group [Non-member attributes]".
        var renamed = await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"Sales Leads"}]}
            """);
        Assert.Equal("Sales Leads", renamed.Body!["displayName"]!.GetValue<string>());

        // The validator's lookup: filter on displayName without members.
        var found = await GetAsync(scim, "/acme/scim/v2/Groups?excludedAttributes=members&filter=" + Uri.EscapeDataString("displayName eq \"sales leads\""));
        Assert.Equal(1, found.Body!["totalResults"]!.GetValue<int>());
        Assert.Null(found.Body["Resources"]![0]!["members"]);
        AssertError(await GetAsync(scim, "/acme/scim/v2/Groups?filter=" + Uri.EscapeDataString("members eq \"x\"")), HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Okta_pushes_a_group_with_members_renames_it_removes_by_filter_and_deletes_it()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var first = await App.CreateUserAsync(tenant, "first@acme.test");
        var second = await App.CreateUserAsync(tenant, "second@acme.test");
        await MapGroupToRoleAsync(tenant, "Executives", Roles.Executive);
        var scim = Client(await CreateTokenAsync(tenant, "Okta"));

        var group = await PostAsync(scim, "/acme/scim/v2/Groups", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
              "displayName": "Leadership",
              "members": [
                { "value": "{{first.Id}}", "display": "first@acme.test" },
                { "value": "{{second.Id}}", "display": "second@acme.test" }
              ]
            }
            """);
        Assert.Equal(HttpStatusCode.Created, group.Status);
        Assert.Equal(2, group.Body!["members"]!.AsArray().Count);
        Assert.DoesNotContain(Roles.Executive, await RolesAsync(tenant, first.Id));

        // Okta renames with a value object (its id included); the mapping now matches every member.
        var renamed = await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": { "id": "{{group.Id}}", "displayName": "Executives" } }]
            }
            """);
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Contains(Roles.Executive, await RolesAsync(tenant, first.Id));
        Assert.Contains(Roles.Executive, await RolesAsync(tenant, second.Id));

        var removed = await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "remove", "path": "members[value eq \"{{first.Id}}\"]" }]
            }
            """);
        Assert.Single(removed.Body!["members"]!.AsArray());
        Assert.DoesNotContain(Roles.Executive, await RolesAsync(tenant, first.Id));
        Assert.Contains(Roles.Executive, await RolesAsync(tenant, second.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(scim, $"/acme/scim/v2/Groups/{group.Id}")).Status);
        Assert.DoesNotContain(Roles.Executive, await RolesAsync(tenant, second.Id));
        AssertError(await GetAsync(scim, $"/acme/scim/v2/Groups/{group.Id}"), HttpStatusCode.NotFound);
        var audited = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action.StartsWith("scim.group.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(1, audited.Count(a => a == AuditActions.ScimGroupCreated));
        Assert.Equal(2, audited.Count(a => a == AuditActions.ScimGroupUpdated));
        Assert.Equal(1, audited.Count(a => a == AuditActions.ScimGroupDeleted));
    }

    [Fact]
    public async Task Group_put_replaces_members_and_If_Match_mismatch_is_412()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var first = await App.CreateUserAsync(tenant, "first@acme.test");
        var second = await App.CreateUserAsync(tenant, "second@acme.test");
        var scim = Client(await CreateTokenAsync(tenant));
        var group = await PostAsync(scim, "/acme/scim/v2/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team","members":[{"value":"{{first.Id}}"}]}
            """);

        var put = await PutAsync(scim, $"/acme/scim/v2/Groups/{group.Id}", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team","members":[{"value":"{{second.Id}}"}]}
            """, group.ETag);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(second.Id.ToString(), Assert.Single(put.Body!["members"]!.AsArray())!["value"]!.GetValue<string>());

        AssertError(await PatchAsync(scim, $"/acme/scim/v2/Groups/{group.Id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Stale"}]}""", group.ETag),
            HttpStatusCode.PreconditionFailed);
        AssertError(await PostAsync(scim, "/acme/scim/v2/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ghosts","members":[{"value":"{{Guid.NewGuid()}}"}]}
            """), HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task A_user_deleted_by_the_directory_leaves_their_groups_and_their_mapped_roles()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var member = await App.CreateUserAsync(tenant, "member@acme.test");
        await MapGroupToRoleAsync(tenant, "HR Team", Roles.HR);
        var scim = Client(await CreateTokenAsync(tenant));
        var group = await PostAsync(scim, "/acme/scim/v2/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"HR Team","members":[{"value":"{{member.Id}}"}]}
            """);
        Assert.Contains(Roles.HR, await RolesAsync(tenant, member.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(scim, $"/acme/scim/v2/Users/{member.Id}")).Status);

        Assert.DoesNotContain(Roles.HR, await RolesAsync(tenant, member.Id));
        Assert.Empty((await GetAsync(scim, $"/acme/scim/v2/Groups/{group.Id}")).Body!["members"]!.AsArray());
    }
}

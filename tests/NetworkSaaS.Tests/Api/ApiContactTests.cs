using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Api;

/// <summary>/contacts, /organizations, /users: own CRUD, the pages' privacy, ETags, idempotency, paging, scopes, other companies.</summary>
public sealed class ApiContactTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _betaSlug = Slug("beta");

    private static object NewContact(string family, string? company = "Sakura Trading", string visibility = "private") => new
    {
        familyName = family,
        givenName = "Taro",
        companyName = company,
        title = "CTO",
        emails = new[] { $"{family.ToLowerInvariant()}@sakura.test" },
        depth = 3,
        visibility,
    };

    [Fact]
    public async Task Own_contacts_are_created_idempotently_read_with_an_etag_replaced_only_with_it_and_deleted()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"a@{_acmeSlug}.test");

        var created = (await api.PostAsync("/contacts", NewContact("Yamada"), idempotencyKey: "k-1")).Expect(HttpStatusCode.Created);
        var id = created.Json!["id"]!.GetValue<Guid>();
        Assert.Equal($"/{_acmeSlug}/api/v1/contacts/{id}", created.Header("Location"));
        Assert.NotNull(created.ETag);
        Assert.Equal(user.Id, created.Json["ownerId"]!.GetValue<Guid>());
        Assert.Equal("private", created.Json["visibility"]!.GetValue<string>());

        // The retry of a lost answer: the same answer, nothing created twice.
        var replay = (await api.PostAsync("/contacts", NewContact("Yamada"), idempotencyKey: "k-1")).Expect(HttpStatusCode.Created);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(id, replay.Json!["id"]!.GetValue<Guid>());
        Assert.Equal(created.Header("Location"), replay.Header("Location"));
        ApiAssert.Problem(await api.PostAsync("/contacts", NewContact("Suzuki"), idempotencyKey: "k-1"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));

        var read = (await api.GetAsync($"/contacts/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(created.ETag, read.ETag);
        Assert.False(read.Json!["readOnly"]!.GetValue<bool>());

        ApiAssert.Problem(await api.PutAsync($"/contacts/{id}", NewContact("Yamada", "Kaede"), ifMatch: null), HttpStatusCode.PreconditionRequired);
        ApiAssert.Problem(await api.PutAsync($"/contacts/{id}", NewContact("Yamada", "Kaede"), ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        var updated = (await api.PutAsync($"/contacts/{id}", NewContact("Yamada", "Kaede"), read.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("Kaede", updated.Json!["companyName"]!.GetValue<string>());
        Assert.NotEqual(read.ETag, updated.ETag);
        ApiAssert.Problem(await api.PutAsync($"/contacts/{id}", NewContact("Yamada", "Momiji"), read.ETag), HttpStatusCode.PreconditionFailed);

        var invalid = ApiAssert.Problem(await api.PutAsync($"/contacts/{id}", new { familyName = "", emails = new[] { "not-an-email" } }, updated.ETag),
            HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["emails"]);

        ApiAssert.Problem(await api.DeleteAsync($"/contacts/{id}", read.ETag), HttpStatusCode.PreconditionFailed);
        (await api.DeleteAsync($"/contacts/{id}", updated.ETag)).Expect(HttpStatusCode.NoContent);
        ApiAssert.Problem(await api.GetAsync($"/contacts/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Colleagues_contacts_follow_the_pages_Shared_read_only_Discoverable_reduced_Private_never()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (_, api) = await App.UserWithTokenAsync(tenant, $"me@{_acmeSlug}.test");
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var shared = await App.CreateContactAsync(tenant, colleague.Id, "Shared", "Person", "Sakura Trading", ContactVisibility.Shared, title: "CEO");
        var discoverable = await App.CreateContactAsync(tenant, colleague.Id, "Hidden", "Name", "Sakura Trading", ContactVisibility.Discoverable, title: "CFO");
        var secret = await App.CreateContactAsync(tenant, colleague.Id, "Secret", "Person", "Sakura Trading", ContactVisibility.Private, title: "COO");
        var onlyPrivately = await App.CreateContactAsync(tenant, colleague.Id, "Quiet", "Person", "Momiji Holdings", ContactVisibility.Private);

        var read = (await api.GetAsync($"/contacts/{shared.Id}")).Expect(HttpStatusCode.OK);
        Assert.True(read.Json!["readOnly"]!.GetValue<bool>());
        ApiAssert.Problem(await api.PutAsync($"/contacts/{shared.Id}", NewContact("Changed"), "*"), HttpStatusCode.NotFound);
        ApiAssert.Problem(await api.DeleteAsync($"/contacts/{shared.Id}", "*"), HttpStatusCode.NotFound);
        ApiAssert.Problem(await api.PostAsync($"/contacts/{shared.Id}/interactions", new { kind = "meeting" }), HttpStatusCode.NotFound);
        ApiAssert.Problem(await api.GetAsync($"/contacts/{discoverable.Id}"), HttpStatusCode.NotFound);
        ApiAssert.Problem(await api.GetAsync($"/contacts/{secret.Id}"), HttpStatusCode.NotFound);
        Assert.Empty((await api.GetAsync("/contacts")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray());

        var found = (await api.GetAsync("/contacts/discover?company=Sakura")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();
        Assert.Equal(2, found.Count);
        var sharedHit = found.Single(h => h!["visibility"]!.GetValue<string>() == "shared")!;
        Assert.Equal(shared.DisplayName, sharedHit["displayName"]!.GetValue<string>());
        Assert.Equal(colleague.Id, sharedHit["ownerId"]!.GetValue<Guid>());
        var reduced = found.Single(h => h!["visibility"]!.GetValue<string>() == "discoverable")!;
        Assert.Null(reduced["displayName"]);
        Assert.Null(reduced["ownerName"]);
        Assert.Null(reduced["ownerId"]);
        Assert.Equal("CFO", reduced["title"]!.GetValue<string>());
        Assert.DoesNotContain("Secret", found.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("COO", found.ToJsonString(), StringComparison.Ordinal);

        // A company known only through a colleague's Private contact does not exist for the caller.
        var organizations = (await api.GetAsync("/organizations")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();
        Assert.Equal([shared.OrganizationId!.Value], organizations.Select(o => o!["id"]!.GetValue<Guid>()));
        ApiAssert.Problem(await api.GetAsync($"/organizations/{onlyPrivately.OrganizationId}"), HttpStatusCode.NotFound);
        (await api.GetAsync($"/organizations/{shared.OrganizationId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lists_page_with_a_cursor_and_a_next_link()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"a@{_acmeSlug}.test");
        var contacts = await App.CreateContactsAsync(tenant, user.Id, Enumerable.Range(1, 3).Select(i => new Web.Features.Contacts.ContactInput { FamilyName = $"Person{i}" }));

        var first = (await api.GetAsync("/contacts?limit=2")).Expect(HttpStatusCode.OK);
        var cursor = first.Json!["nextCursor"]!.GetValue<string>();
        Assert.Equal($"</{_acmeSlug}/api/v1/contacts?limit=2&cursor={cursor}>; rel=\"next\"", first.Header("Link"));
        var second = (await api.GetAsync($"/contacts?limit=2&cursor={cursor}")).Expect(HttpStatusCode.OK);
        Assert.Null(second.Json!["nextCursor"]);
        Assert.Null(second.Header("Link"));
        var ids = first.Json["items"]!.AsArray().Concat(second.Json["items"]!.AsArray()).Select(c => c!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(contacts.Select(c => c.Id).Order(), ids.Order());
        Assert.Equal(3, ids.Distinct().Count());

        ApiAssert.Problem(await api.GetAsync("/contacts?cursor=nonsense!"), HttpStatusCode.BadRequest);
        ApiAssert.Problem(await api.GetAsync("/contacts?limit=0"), HttpStatusCode.BadRequest);
        ApiAssert.Problem(await api.GetAsync("/contacts?limit=201"), HttpStatusCode.BadRequest);
        Assert.Empty((await api.GetAsync("/contacts?email=person1@nowhere.test")).Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_CRM_logs_a_meeting_with_a_contact_found_by_email()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"a@{_acmeSlug}.test");
        var contact = await App.CreateContactAsync(tenant, user.Id, "Tanaka", "Hana", "Sakura", email: "hana@sakura.test");
        await App.CreateContactAsync(tenant, user.Id, "Other", "Person", "Sakura", email: "other@sakura.test");

        var found = (await api.GetAsync("/contacts?email=HANA@sakura.test")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();
        Assert.Equal(contact.Id, Assert.Single(found)!["id"]!.GetValue<Guid>());

        var logged = (await api.PostAsync($"/contacts/{contact.Id}/interactions", new { kind = "meeting", occurredOn = "2026-12-01", note = "Lunch" }, "crm-1"))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("meeting", logged.Json!["kind"]!.GetValue<string>());
        var list = (await api.GetAsync($"/contacts/{contact.Id}/interactions")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();
        Assert.Equal("Lunch", Assert.Single(list)!["note"]!.GetValue<string>());
        Assert.Equal("2026-12-01", (await api.GetAsync($"/contacts/{contact.Id}")).Json!["lastContactedOn"]!.GetValue<string>());

        var future = ApiAssert.Problem(await api.PostAsync($"/contacts/{contact.Id}/interactions", new { kind = "call", occurredOn = "2099-01-01" }), HttpStatusCode.BadRequest);
        Assert.NotNull(future["errors"]!["occurredOn"]);
    }

    [Fact]
    public async Task Scopes_and_token_kinds_limit_what_a_token_may_do()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (user, readOnly) = await App.UserWithTokenAsync(tenant, $"r@{_acmeSlug}.test", ApiScopes.Read);
        var contact = await App.CreateContactAsync(tenant, user.Id, "Mine", "Own");
        ApiAssert.Problem(await readOnly.PostAsync("/contacts", NewContact("Yamada")), HttpStatusCode.Forbidden);
        ApiAssert.Problem(await readOnly.DeleteAsync($"/contacts/{contact.Id}", "*"), HttpStatusCode.Forbidden);
        (await readOnly.GetAsync($"/contacts/{contact.Id}")).Expect(HttpStatusCode.OK);

        var company = App.Api(_acmeSlug, await App.CreateCompanyTokenAsync(tenant, admin.Id));
        ApiAssert.Problem(await company.GetAsync("/contacts"), HttpStatusCode.Forbidden);
        ApiAssert.Problem(await company.PostAsync("/contacts", NewContact("Yamada")), HttpStatusCode.Forbidden);
        (await company.GetAsync("/organizations")).Expect(HttpStatusCode.OK);

        // Users: roles only for HR and Admin callers.
        var asHr = (await company.GetAsync($"/users/{user.Id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["Employee"], asHr.Json!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var asEmployee = (await readOnly.GetAsync($"/users/{admin.Id}")).Expect(HttpStatusCode.OK);
        Assert.Null(asEmployee.Json!["roles"]);
        var everyone = (await readOnly.GetAsync("/users")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();
        Assert.Equal(2, everyone.Count);
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_token_of_another_company()
    {
        var (acme, _) = await App.CreateTenantAsync(_acmeSlug);
        var (beta, betaAdmin) = await App.CreateTenantAsync(_betaSlug);
        var betaContact = await App.CreateContactAsync(beta, betaAdmin.Id, "Beta", "Secret", "Beta Client", ContactVisibility.Shared);
        var (_, api) = await App.UserWithTokenAsync(acme, $"a@{_acmeSlug}.test");

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/me"), (HttpMethod.Get, "/contacts"), (HttpMethod.Get, $"/contacts/{betaContact.Id}"),
                     (HttpMethod.Get, "/contacts/discover?company=Beta"), (HttpMethod.Post, "/contacts"), (HttpMethod.Put, $"/contacts/{betaContact.Id}"),
                     (HttpMethod.Delete, $"/contacts/{betaContact.Id}"), (HttpMethod.Get, $"/contacts/{betaContact.Id}/interactions"),
                     (HttpMethod.Post, $"/contacts/{betaContact.Id}/interactions"), (HttpMethod.Get, "/organizations"),
                     (HttpMethod.Get, $"/organizations/{betaContact.OrganizationId}"), (HttpMethod.Get, "/users"), (HttpMethod.Get, $"/users/{betaAdmin.Id}"),
                 })
        {
            await ApiAssert.CrossTenantRefusedAsync(api, _betaSlug, method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : NewContact("X"));
        }

        // The same ids under the token's own company are simply not found.
        ApiAssert.Problem(await api.GetAsync($"/contacts/{betaContact.Id}"), HttpStatusCode.NotFound);
        ApiAssert.Problem(await api.GetAsync($"/users/{betaAdmin.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(1, await App.InTenantAsync(beta, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_resources()
    {
        await App.CreateTenantAsync(_acmeSlug);
        var document = await ApiResponse.ReadAsync(await App.CreateClient().GetAsync($"/{_acmeSlug}/api/v1/openapi.json"));
        var paths = document.Expect(HttpStatusCode.OK).Json!["paths"]!.AsObject();
        foreach (var path in new[] { "/contacts", "/contacts/discover", "/contacts/{id}", "/contacts/{id}/interactions", "/organizations", "/organizations/{id}", "/users", "/users/{id}" })
        {
            Assert.True(paths.ContainsKey($"/{{tenant}}/api/v1{path}"), $"{path} is not in the document: {string.Join(", ", paths.Select(p => p.Key))}");
        }

        Assert.NotNull(paths["/{tenant}/api/v1/contacts/{id}"]!["put"]);
        Assert.NotNull(paths["/{tenant}/api/v1/contacts/{id}"]!["delete"]);
        Assert.NotNull(paths["/{tenant}/api/v1/contacts"]!["post"]);
    }
}

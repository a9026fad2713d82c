using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Api;

/// <summary>/api/v1/introductions: the pages' rules, visibility and state machine through tokens.</summary>
public sealed class IntroductionsApiTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    private string Base => $"/{_acmeSlug}/api/v1/introductions";

    private sealed record Setup(Tenant Tenant, AppUser Admin, AppUser Connector, AppUser Requester, HttpClient ConnectorApi, HttpClient RequesterApi);

    private async Task<Setup> SetupAsync(string? slug = null)
    {
        slug ??= _acmeSlug;
        var (tenant, admin) = await App.CreateTenantAsync(slug);
        var connector = await App.CreateUserAsync(tenant, $"connector@{slug}.test");
        var requester = await App.CreateUserAsync(tenant, $"requester@{slug}.test");
        return new Setup(tenant, admin, connector, requester,
            await FlowsApi.PersonalAsync(App, tenant, connector.Id), await FlowsApi.PersonalAsync(App, tenant, requester.Id));
    }

    private Task<T> InDbAsync<T>(Tenant tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private static object Request(Guid contactId, string reason = "Our logistics platform fits their plants") =>
        new { contactId, purpose = "salesLead", reason };

    [Fact]
    public async Task Requesting_keeps_the_pages_rules_and_a_private_contact_is_refused_exactly_like_a_missing_one()
    {
        var s = await SetupAsync();
        var discoverable = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Secretname", "Kenji", "Toyota", ContactVisibility.Discoverable, title: "Purchasing Manager");
        var hidden = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Hidden", "Person", "Toyota", ContactVisibility.Private, title: "Chief Engineer");
        var own = await App.CreateContactAsync(s.Tenant, s.Requester.Id, "Own", "Friend", "Toyota", ContactVisibility.Shared);

        var created = await s.RequesterApi.PostAsync(Base, JsonContent(Request(discoverable.Id)));
        var body = await FlowsApi.JsonAsync(created, HttpStatusCode.Created);
        var id = (Guid)body["introduction"]!["id"]!;
        Assert.Equal($"{Base}/{id}", created.Headers.Location!.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal(("requested", "requester"), ((string?)body["introduction"]!["state"], (string?)body["role"]));
        // Reduced, as the page shows it: the title and company, never the name, no details.
        Assert.Equal("Purchasing Manager · Toyota", (string?)body["introduction"]!["targetSummary"]);
        Assert.DoesNotContain("Secretname", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(body["contact"]);
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.Notifications.CountAsync(n => n.UserId == s.Connector.Id && n.IntroductionId == id
            && n.Kind == NotificationKinds.IntroductionRequested)));

        var again = await FlowsApi.PostAsync(s.RequesterApi, Base, Request(discoverable.Id), HttpStatusCode.OK);
        Assert.Equal(id, (Guid)again["introduction"]!["id"]!);

        var privateOne = await FlowsApi.PostAsync(s.RequesterApi, Base, Request(hidden.Id), HttpStatusCode.UnprocessableEntity);
        var missing = await FlowsApi.PostAsync(s.RequesterApi, Base, Request(Guid.CreateVersion7()), HttpStatusCode.UnprocessableEntity);
        FlowsApi.Problem(privateOne, 422, "contactNotAvailable");
        Assert.Equal(missing["detail"]!.ToJsonString(), privateOne["detail"]!.ToJsonString());
        Assert.DoesNotContain("Chief Engineer", privateOne.ToJsonString(), StringComparison.Ordinal);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, Base, Request(own.Id), HttpStatusCode.UnprocessableEntity), 422, "ownContact");
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, Base, new { contactId = discoverable.Id, purpose = "advisor", reason = " " },
            HttpStatusCode.UnprocessableEntity), 422, "reasonRequired");
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.IntroductionRequests.CountAsync()));

        var list = await FlowsApi.GetAsync(s.RequesterApi, Base);
        Assert.Equal([id.ToString()], FlowsApi.Strings(list["items"], "id"));
        Assert.DoesNotContain(list["items"]!.AsArray(), i => ((string?)i!["targetSummary"])!.Contains("Chief", StringComparison.Ordinal));
        Assert.Empty((await FlowsApi.GetAsync(s.RequesterApi, $"{Base}?view=askedOfMe"))["items"]!.AsArray());
        Assert.Equal([id.ToString()], FlowsApi.Strings((await FlowsApi.GetAsync(s.ConnectorApi, $"{Base}?view=askedOfMe"))["items"], "id"));
    }

    [Fact]
    public async Task The_double_opt_in_runs_through_the_state_machine_with_etags_and_reveals_the_contact_to_the_requester()
    {
        var s = await SetupAsync();
        var kenji = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Secretname", "Kenji", "Toyota", ContactVisibility.Discoverable,
            email: "kenji@toyota.example", title: "Purchasing Manager");
        var id = (Guid)(await FlowsApi.PostAsync(s.RequesterApi, Base, Request(kenji.Id), HttpStatusCode.Created))["introduction"]!["id"]!;
        var one = $"{Base}/{id}";

        var etag = await FlowsApi.ETagAsync(s.ConnectorApi, one);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/accept", new { }, HttpStatusCode.PreconditionRequired), 428);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/accept", new { }, HttpStatusCode.PreconditionFailed, ifMatch: "\"1\""), 412);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, $"{one}/accept", new { }, HttpStatusCode.Forbidden, ifMatch: etag), 403, "notYours");
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/introduced", new { }, HttpStatusCode.Conflict, ifMatch: etag), 409, "illegalTransition");

        var accepting = await SendAsync(s.ConnectorApi, $"{one}/accept", new { }, etag);
        var accepted = await FlowsApi.JsonAsync(accepting, HttpStatusCode.OK);
        Assert.Equal(("accepted", "connector"), ((string?)accepted["introduction"]!["state"], (string?)accepted["role"]));
        Assert.NotEqual(etag, accepting.Headers.ETag!.ToString());
        // The ETag read before the step is stale now: a second click cannot act on the old state.
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/decline", new { reason = "No" }, HttpStatusCode.PreconditionFailed, ifMatch: etag), 412);
        Assert.Null((await FlowsApi.GetAsync(s.RequesterApi, one))["contact"]);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/introduced", new { consentOn = today.AddDays(2) }, HttpStatusCode.UnprocessableEntity,
            ifMatch: accepting.Headers.ETag!.ToString()), 422, "consentDateInvalid");
        var introduced = await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/introduced", new { consentOn = today }, HttpStatusCode.OK,
            ifMatch: accepting.Headers.ETag!.ToString());
        Assert.Equal("introduced", (string?)introduced["introduction"]!["state"]);
        Assert.Null(introduced["contact"]);
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.Notifications.CountAsync(n => n.UserId == s.Requester.Id && n.Kind == NotificationKinds.IntroductionMade)));

        var seen = await FlowsApi.GetAsync(s.RequesterApi, one);
        Assert.Contains("Secretname", (string?)seen["contact"]!["displayName"], StringComparison.Ordinal);
        Assert.Equal("kenji@toyota.example", (string?)seen["contact"]!["emails"]![0]);
        Assert.Equal(["meeting", "opportunity", "won", "lost"], seen["nextOutcomes"]!.AsArray().Select(o => (string)o!).ToArray());
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.IntroducedContactViewed && a.ActorUserId == s.Requester.Id)));

        var current = await FlowsApi.ETagAsync(s.RequesterApi, one);
        FlowsApi.Problem(await FlowsApi.PostAsync(s.ConnectorApi, $"{one}/decline", new { }, HttpStatusCode.Conflict, ifMatch: current), 409, "illegalTransition");
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, $"{one}/outcome", new { outcome = "won", currency = "JPY" },
            HttpStatusCode.UnprocessableEntity, ifMatch: current), 422, "amountRequired");
        var won = await SendAsync(s.RequesterApi, $"{one}/outcome", new { outcome = "won", amount = 1_200_000m, currency = "jpy" }, current);
        var wonBody = await FlowsApi.JsonAsync(won, HttpStatusCode.OK);
        Assert.Equal(("won", 1_200_000m, "JPY"), ((string?)wonBody["introduction"]!["outcome"], (decimal)wonBody["wonAmount"]!, (string?)wonBody["wonCurrency"]));
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, $"{one}/outcome", new { outcome = "meeting" }, HttpStatusCode.Conflict,
            ifMatch: won.Headers.ETag!.ToString()), 409, "outcomeNotAllowed");
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.Notifications.CountAsync(n => n.UserId == s.Connector.Id && n.Kind == NotificationKinds.IntroductionOutcome)));
    }

    [Fact]
    public async Task Only_participants_and_their_managers_see_a_request_and_managers_never_act_or_read_messages()
    {
        var s = await SetupAsync();
        var outsider = await App.CreateUserAsync(s.Tenant, $"outsider@{_acmeSlug}.test");
        var manager = await App.CreateUserAsync(s.Tenant, $"manager@{_acmeSlug}.test", Roles.Manager);
        await InDbAsync(s.Tenant, async db =>
        {
            var department = new Department { Name = "Sales" };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            Guid[] members = [manager.Id, s.Requester.Id];
            return await db.Users.Where(u => members.Contains(u.Id)).ExecuteUpdateAsync(x => x.SetProperty(u => u.DepartmentId, department.Id));
        });
        var contact = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Shared", "Person", "Globex", ContactVisibility.Shared);
        var id = (Guid)(await FlowsApi.PostAsync(s.RequesterApi, Base, Request(contact.Id), HttpStatusCode.Created))["introduction"]!["id"]!;
        var one = $"{Base}/{id}";
        var etag = await FlowsApi.ETagAsync(s.RequesterApi, one);
        await FlowsApi.PostAsync(s.RequesterApi, $"{one}/messages", new { text = "Private note for the connector" }, HttpStatusCode.OK, ifMatch: etag);

        var outsiderApi = await FlowsApi.PersonalAsync(App, s.Tenant, outsider.Id);
        var notFound = await FlowsApi.GetAsync(outsiderApi, one, HttpStatusCode.NotFound);
        FlowsApi.Problem(notFound, 404);
        FlowsApi.Problem(await FlowsApi.PostAsync(outsiderApi, $"{one}/accept", new { }, HttpStatusCode.NotFound, ifMatch: "*"), 404);
        Assert.Empty((await FlowsApi.GetAsync(outsiderApi, Base))["items"]!.AsArray());

        var managerApi = await FlowsApi.PersonalAsync(App, s.Tenant, manager.Id);
        Assert.Equal([id.ToString()], FlowsApi.Strings((await FlowsApi.GetAsync(managerApi, $"{Base}?view=team"))["items"], "id"));
        var followed = await FlowsApi.GetAsync(managerApi, one);
        Assert.Equal("manager", (string?)followed["role"]);
        Assert.DoesNotContain("Private note", followed.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Private note", (await FlowsApi.GetAsync(s.ConnectorApi, one)).ToJsonString(), StringComparison.Ordinal);
        FlowsApi.Problem(await FlowsApi.PostAsync(managerApi, $"{one}/decline", new { }, HttpStatusCode.Forbidden, ifMatch: "*"), 403, "notYours");
        Assert.Equal(IntroductionState.Requested, await InDbAsync(s.Tenant, db => db.IntroductionRequests.Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task Introductions_need_the_introductions_scope_and_a_personal_token()
    {
        var s = await SetupAsync();
        var contact = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Shared", "Person", "Globex", ContactVisibility.Shared);
        var readOnly = await FlowsApi.PersonalAsync(App, s.Tenant, s.Requester.Id, ApiScopes.Read);
        var writeOnly = await FlowsApi.PersonalAsync(App, s.Tenant, s.Requester.Id, ApiScopes.Read | ApiScopes.Write);
        var introductionsOnly = await FlowsApi.PersonalAsync(App, s.Tenant, s.Requester.Id, ApiScopes.Introductions);
        var company = await FlowsApi.CompanyAsync(App, s.Tenant, Roles.Admin, s.Admin.Id);

        FlowsApi.Problem(await FlowsApi.GetAsync(readOnly, Base, HttpStatusCode.Forbidden), 403);
        FlowsApi.Problem(await FlowsApi.PostAsync(writeOnly, Base, Request(contact.Id), HttpStatusCode.Forbidden), 403);
        FlowsApi.Problem(await FlowsApi.PostAsync(company, Base, Request(contact.Id), HttpStatusCode.Forbidden), 403);
        FlowsApi.Problem(await FlowsApi.GetAsync(company, Base, HttpStatusCode.Forbidden), 403);
        // Reading needs the read scope too.
        FlowsApi.Problem(await FlowsApi.GetAsync(introductionsOnly, Base, HttpStatusCode.Forbidden), 403);
        var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Base)).StatusCode);
        Assert.Equal(0, await InDbAsync(s.Tenant, db => db.IntroductionRequests.CountAsync()));

        await FlowsApi.PostAsync(introductionsOnly, Base, Request(contact.Id), HttpStatusCode.Created);
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.IntroductionRequests.CountAsync()));
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_creates_one_request_and_another_body_is_refused()
    {
        var s = await SetupAsync();
        var first = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "First", "Person", "Globex", ContactVisibility.Shared, email: "first@globex.example");
        var second = await App.CreateContactAsync(s.Tenant, s.Connector.Id, "Second", "Person", "Globex", ContactVisibility.Shared, email: "second@globex.example");

        var original = await FlowsApi.PostAsync(s.RequesterApi, Base, Request(first.Id), HttpStatusCode.Created, idempotencyKey: "intro-1");
        using var retry = new HttpRequestMessage(HttpMethod.Post, Base) { Content = JsonContent(Request(first.Id)) };
        retry.Headers.Add("Idempotency-Key", "intro-1");
        var replayed = await s.RequesterApi.SendAsync(retry);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(original.ToJsonString(), (await FlowsApi.JsonAsync(replayed, HttpStatusCode.Created)).ToJsonString());
        FlowsApi.Problem(await FlowsApi.PostAsync(s.RequesterApi, Base, Request(second.Id), HttpStatusCode.UnprocessableEntity, idempotencyKey: "intro-1"), 422);
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.IntroductionRequests.CountAsync()));
        Assert.Equal(1, await InDbAsync(s.Tenant, db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.IntroductionRequested)));
    }

    [Fact]
    public async Task Another_companys_requests_are_unknown_and_a_token_is_refused_under_another_companys_url()
    {
        var acme = await SetupAsync(_acmeSlug);
        var other = await SetupAsync("other");
        var theirContact = await App.CreateContactAsync(other.Tenant, other.Connector.Id, "Their", "Contact", "Globex", ContactVisibility.Shared);
        var theirs = (Guid)(await FlowsApi.PostAsync(other.RequesterApi, "/other/api/v1/introductions", Request(theirContact.Id), HttpStatusCode.Created))["introduction"]!["id"]!;

        FlowsApi.Problem(await FlowsApi.GetAsync(acme.RequesterApi, $"{Base}/{theirs}", HttpStatusCode.NotFound), 404);
        FlowsApi.Problem(await FlowsApi.PostAsync(acme.ConnectorApi, $"{Base}/{theirs}/accept", new { }, HttpStatusCode.NotFound, ifMatch: "*"), 404);
        FlowsApi.Problem(await FlowsApi.PostAsync(acme.RequesterApi, Base, Request(theirContact.Id), HttpStatusCode.UnprocessableEntity), 422, "contactNotAvailable");
        Assert.Equal(HttpStatusCode.Unauthorized, (await acme.RequesterApi.GetAsync($"/other/api/v1/introductions/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await acme.ConnectorApi.PostAsync($"/other/api/v1/introductions/{theirs}/accept", JsonContent(new { }))).StatusCode);
        Assert.Equal(IntroductionState.Requested, await InDbAsync(other.Tenant, db => db.IntroductionRequests.Select(r => r.State).SingleAsync()));
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: FlowsApi.Options);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}

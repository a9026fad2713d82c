using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Api;

/// <summary>/api/v1/asks and /positions: the asks board's rules through tokens.</summary>
public sealed class AsksApiTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _otherSlug = Slug("other");

    private string Asks => $"/{_acmeSlug}/api/v1/asks";
    private string Positions => $"/{_acmeSlug}/api/v1/positions";

    private Task<T> InDbAsync<T>(Tenant tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private Task<Guid> DepartmentAsync(Tenant tenant, string name) => InDbAsync(tenant, async db =>
    {
        var department = new Department { Name = name };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    });

    [Fact]
    public async Task Posting_needs_the_write_scope_keeps_the_forms_limits_and_only_hr_and_admin_post_positions()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var employee = await App.CreateUserAsync(tenant, $"employee@{_acmeSlug}.test");
        var hr = await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        var department = await DepartmentAsync(tenant, "Platform Engineering");
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex Inc.");
        var employeeApi = await FlowsApi.PersonalAsync(App, tenant, employee.Id, language: "ja");
        var readOnly = await FlowsApi.PersonalAsync(App, tenant, employee.Id, ApiScopes.Read);

        FlowsApi.Problem(await FlowsApi.PostAsync(readOnly, Asks, new { purpose = "salesLead", title = "Buyer at Globex" }, HttpStatusCode.Forbidden), 403);
        var invalid = await FlowsApi.PostAsync(employeeApi, Asks, new { purpose = "salesLead", title = "  ", companyName = new string('x', 201) }, HttpStatusCode.BadRequest);
        Assert.Equal("この項目は必須です。", (string?)invalid["errors"]!["title"]![0]);
        Assert.Contains("200", (string?)invalid["errors"]!["companyName"]![0], StringComparison.Ordinal);
        Assert.Equal(0, await InDbAsync(tenant, db => db.Asks.CountAsync()));

        var posted = await employeeApi.PostAsync(Asks, System.Net.Http.Json.JsonContent.Create(
            new { purpose = "salesLead", title = "Buyer at Globex", companyName = "Globex", details = "Purchasing, Osaka office" }, options: FlowsApi.Options));
        var ask = await FlowsApi.JsonAsync(posted, HttpStatusCode.Created);
        var askId = (Guid)ask["id"]!;
        Assert.Equal($"{Asks}/{askId}", posted.Headers.Location!.OriginalString);
        Assert.Equal((false, "open", "employee"), ((bool)ask["isPosition"]!, (string?)ask["state"], (string?)ask["authorName"]));
        Assert.Equal(contact.OrganizationId, await InDbAsync(tenant, db => db.Asks.Select(a => a.OrganizationId).SingleAsync()));

        FlowsApi.Problem(await FlowsApi.PostAsync(employeeApi, Positions, new { title = "Forged position", departmentId = department, rewardNote = "Forged" },
            HttpStatusCode.Forbidden), 403);
        var hrApi = await FlowsApi.PersonalAsync(App, tenant, hr.Id);
        var unknownDepartment = await FlowsApi.PostAsync(hrApi, Positions, new { title = "SRE", departmentId = Guid.CreateVersion7() }, HttpStatusCode.BadRequest);
        Assert.NotNull(unknownDepartment["errors"]!["departmentId"]);
        var position = await FlowsApi.PostAsync(hrApi, Positions, new { title = "Site reliability engineer", departmentId = department, rewardNote = "300,000 JPY" },
            HttpStatusCode.Created);
        Assert.Equal((true, "referralHire", "Platform Engineering", "300,000 JPY"),
            ((bool)position["isPosition"]!, (string?)position["purpose"], (string?)position["departmentName"], (string?)position["rewardNote"]));

        Assert.Equal([askId.ToString()], FlowsApi.Strings((await FlowsApi.GetAsync(readOnly, Asks))["items"], "id"));
        Assert.Equal(["Site reliability engineer"], FlowsApi.Strings((await FlowsApi.GetAsync(readOnly, Positions))["items"], "title"));
        FlowsApi.Problem(await FlowsApi.GetAsync(readOnly, $"{Positions}/{askId}", HttpStatusCode.NotFound), 404);
        // A company integration reads the board but cannot author an ask.
        var company = await FlowsApi.CompanyAsync(App, tenant, Roles.HR, admin.Id);
        Assert.Equal(2, (await FlowsApi.GetAsync(company, Asks))["items"]!.AsArray().Count
            + (await FlowsApi.GetAsync(company, Positions))["items"]!.AsArray().Count);
        FlowsApi.Problem(await FlowsApi.PostAsync(company, Positions, new { title = "From the ATS" }, HttpStatusCode.Forbidden), 403);
    }

    [Fact]
    public async Task Lists_page_by_cursor_and_filter_by_purpose()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var api = await FlowsApi.PersonalAsync(App, tenant, admin.Id);
        foreach (var (title, purpose) in new[] { ("One", "salesLead"), ("Two", "advisor"), ("Three", "salesLead") })
        {
            await FlowsApi.PostAsync(api, Asks, new { purpose, title }, HttpStatusCode.Created);
        }

        var first = await FlowsApi.GetAsync(api, $"{Asks}?limit=2");
        Assert.Equal(["One", "Two"], FlowsApi.Strings(first["items"], "title"));
        var second = await FlowsApi.GetAsync(api, $"{Asks}?limit=2&cursor={(string?)first["nextCursor"]}");
        Assert.Equal(["Three"], FlowsApi.Strings(second["items"], "title"));
        Assert.Null(second["nextCursor"]);
        Assert.Equal(["One", "Three"], FlowsApi.Strings((await FlowsApi.GetAsync(api, $"{Asks}?purpose=salesLead"))["items"], "title"));
    }

    [Fact]
    public async Task Answering_starts_an_accepted_request_the_author_sees_who_answered_and_others_only_how_many()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{_acmeSlug}.test");
        var bystander = await App.CreateUserAsync(tenant, $"bystander@{_acmeSlug}.test");
        var mine = await App.CreateContactAsync(tenant, connector.Id, "Zed", "Zimmer", "Globex", title: "Head of Purchasing");
        var notMine = await App.CreateContactAsync(tenant, bystander.Id, "Other", "Person", "Globex", ContactVisibility.Shared);
        var authorApi = await FlowsApi.PersonalAsync(App, tenant, author.Id);
        var connectorApi = await FlowsApi.PersonalAsync(App, tenant, connector.Id);
        var bystanderApi = await FlowsApi.PersonalAsync(App, tenant, bystander.Id);
        var askId = (Guid)(await FlowsApi.PostAsync(authorApi, Asks, new { purpose = "advisor", title = "Purchasing at Globex", companyName = "Globex" },
            HttpStatusCode.Created))["id"]!;
        var answers = $"{Asks}/{askId}/answers";

        var writeOnly = await FlowsApi.PersonalAsync(App, tenant, connector.Id, ApiScopes.Read | ApiScopes.Write);
        FlowsApi.Problem(await FlowsApi.PostAsync(writeOnly, answers, new { contactId = mine.Id }, HttpStatusCode.Forbidden), 403);
        FlowsApi.Problem(await FlowsApi.PostAsync(connectorApi, answers, new { contactId = notMine.Id }, HttpStatusCode.UnprocessableEntity), 422, "contactNotAvailable");
        FlowsApi.Problem(await FlowsApi.PostAsync(authorApi, answers, new { contactId = notMine.Id }, HttpStatusCode.UnprocessableEntity), 422, "ownAsk");
        Assert.NotNull((await FlowsApi.PostAsync(connectorApi, answers, new { }, HttpStatusCode.BadRequest))["errors"]!["contactId"]);

        var answered = await FlowsApi.PostAsync(connectorApi, answers, new { contactId = mine.Id, message = "I know their head of purchasing" }, HttpStatusCode.Created);
        var requestId = (Guid)answered["introductionId"]!;
        var request = await InDbAsync(tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Equal((requestId, author.Id, connector.Id, IntroductionState.Accepted, askId), (request.Id, request.RequesterId, request.ConnectorId, request.State, request.AskId));
        Assert.Equal(1, await InDbAsync(tenant, db => db.Notifications.CountAsync(n => n.UserId == author.Id && n.Kind == NotificationKinds.IntroductionOffered)));

        var forAuthor = await FlowsApi.GetAsync(authorApi, $"{Asks}/{askId}");
        Assert.Equal(("connector", 1), ((string?)forAuthor["answers"]![0]!["connectorName"], (int)forAuthor["answerCount"]!));
        var forBystander = await FlowsApi.GetAsync(bystanderApi, $"{Asks}/{askId}");
        Assert.Equal(1, (int)forBystander["answerCount"]!);
        Assert.Null(forBystander["answers"]);
        Assert.DoesNotContain("connector", forBystander.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, (int)(await FlowsApi.GetAsync(bystanderApi, Asks))["items"]![0]!["answers"]!);
    }

    [Fact]
    public async Task Closing_needs_the_etag_and_is_for_the_author_or_hr_on_positions()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var hr = await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        var other = await App.CreateUserAsync(tenant, $"{_otherSlug}@{_acmeSlug}.test");
        var authorApi = await FlowsApi.PersonalAsync(App, tenant, author.Id);
        var otherApi = await FlowsApi.PersonalAsync(App, tenant, other.Id);
        var hrApi = await FlowsApi.PersonalAsync(App, tenant, hr.Id);
        var askId = (Guid)(await FlowsApi.PostAsync(authorApi, Asks, new { purpose = "salesLead", title = "Buyer at Globex" }, HttpStatusCode.Created))["id"]!;
        var close = $"{Asks}/{askId}/close";
        var etag = await FlowsApi.ETagAsync(otherApi, $"{Asks}/{askId}");

        FlowsApi.Problem(await FlowsApi.PostAsync(otherApi, close, new { }, HttpStatusCode.Forbidden, ifMatch: etag), 403);
        FlowsApi.Problem(await FlowsApi.PostAsync(hrApi, close, new { }, HttpStatusCode.Forbidden, ifMatch: etag), 403);
        FlowsApi.Problem(await FlowsApi.PostAsync(authorApi, close, new { }, HttpStatusCode.PreconditionRequired), 428);
        var closed = await FlowsApi.PostAsync(authorApi, close, new { }, HttpStatusCode.OK, ifMatch: etag);
        Assert.Equal(("closed", false), ((string?)closed["state"], (bool)closed["mayClose"]!));
        Assert.Empty((await FlowsApi.GetAsync(otherApi, Asks))["items"]!.AsArray());

        var positionId = (Guid)(await FlowsApi.PostAsync(await FlowsApi.PersonalAsync(App, tenant, admin.Id), Positions, new { title = "SRE" }, HttpStatusCode.Created))["id"]!;
        var positionTag = await FlowsApi.ETagAsync(hrApi, $"{Positions}/{positionId}");
        FlowsApi.Problem(await FlowsApi.PostAsync(hrApi, $"{Asks}/{positionId}/close", new { }, HttpStatusCode.PreconditionFailed, ifMatch: "\"1\""), 412);
        Assert.Equal("closed", (string?)(await FlowsApi.PostAsync(hrApi, $"{Asks}/{positionId}/close", new { }, HttpStatusCode.OK, ifMatch: positionTag))["state"]);
        Assert.Equal(0, await InDbAsync(tenant, db => db.Asks.CountAsync(a => a.State == AskState.Open)));
    }

    [Fact]
    public async Task Another_companys_asks_are_unknown_and_a_token_is_refused_under_another_companys_url()
    {
        var (acme, acmeAdmin) = await App.CreateTenantAsync(_acmeSlug);
        var (other, otherAdmin) = await App.CreateTenantAsync(_otherSlug);
        var acmeApi = await FlowsApi.PersonalAsync(App, acme, acmeAdmin.Id);
        var otherApi = await FlowsApi.PersonalAsync(App, other, otherAdmin.Id);
        var theirs = (Guid)(await FlowsApi.PostAsync(otherApi, $"/{_otherSlug}/api/v1/asks", new { purpose = "salesLead", title = "Their ask" }, HttpStatusCode.Created))["id"]!;

        Assert.Empty((await FlowsApi.GetAsync(acmeApi, Asks))["items"]!.AsArray());
        FlowsApi.Problem(await FlowsApi.GetAsync(acmeApi, $"{Asks}/{theirs}", HttpStatusCode.NotFound), 404);
        FlowsApi.Problem(await FlowsApi.PostAsync(acmeApi, $"{Asks}/{theirs}/close", new { }, HttpStatusCode.NotFound, ifMatch: "*"), 404);
        Assert.Equal(HttpStatusCode.Unauthorized, (await acmeApi.GetAsync($"/{_otherSlug}/api/v1/asks/{theirs}")).StatusCode);
        Assert.Equal(AskState.Open, await InDbAsync(other, db => db.Asks.Select(a => a.State).SingleAsync()));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_introduction_ask_and_report_endpoints()
    {
        await App.CreateTenantAsync(_acmeSlug);
        var document = await App.CreateClient().GetStringAsync($"/{_acmeSlug}/api/v1/openapi.json");
        foreach (var operation in new[] { "ListIntroductions", "AcceptIntroduction", "RecordIntroductionOutcome", "PostAsk", "AnswerAsk", "PostPosition",
                     "CloseAsk", "GetSourcesReport", "GetFunnelReport", "GetHealthReport" })
        {
            Assert.Contains($"\"{operation}\"", document, StringComparison.Ordinal);
        }
    }
}

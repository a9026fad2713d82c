using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Introductions;

public sealed class IntroductionWorkflowTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    private sealed record Colleagues(Tenant Tenant, AppUser Admin, AppUser Connector, AppUser Requester, HttpClient ConnectorClient, HttpClient RequesterClient);

    private async Task<Colleagues> ColleaguesAsync(string? slug = null)
    {
        slug ??= _acmeSlug;
        var (tenant, admin) = await App.CreateTenantAsync(slug);
        var connector = await App.CreateUserAsync(tenant, $"connector@{slug}.test");
        var requester = await App.CreateUserAsync(tenant, $"requester@{slug}.test");
        return new Colleagues(tenant, admin, connector, requester,
            await App.SignInAsync(slug, connector.Email!), await App.SignInAsync(slug, requester.Email!));
    }

    private static string Day(int offset = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<IntroductionResult> RequestAsync(Tenant tenant, Guid requester, Guid contact, string reason = "We sell logistics software") =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>()
            .RequestAsync(requester, new IntroductionInput(contact, null, null, IntroductionPurpose.SalesLead, reason, null), CancellationToken.None));

    private Task<T> InDbAsync<T>(Tenant tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string slug, Guid id, string handler, Dictionary<string, string>? fields = null, HttpStatusCode? expect = null) =>
        client.PostFormAsync($"/{slug}/introductions/{id}?handler={handler}", fields ?? [], $"/{slug}/introductions/{id}", expect);

    [Fact]
    public async Task Double_opt_in_reveals_a_discoverable_contact_only_after_consent_and_the_requester_records_a_won_deal()
    {
        var c = await ColleaguesAsync();
        var kenji = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Secretname", "Kenji", "Toyota Motor Corporation",
            ContactVisibility.Discoverable, email: "kenji@toyota.example", title: "Purchasing Manager", depth: 4);

        var found = await c.RequesterClient.GetStringAsync($"/{_acmeSlug}/discover?company=toyota");
        Assert.Contains("Purchasing Manager", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretname", found, StringComparison.Ordinal);
        Assert.DoesNotContain(c.Connector.DisplayName, found, StringComparison.Ordinal);
        Assert.Contains($"/{_acmeSlug}/introductions/new?contact={kenji.Id}", found, StringComparison.Ordinal);

        var newPage = $"/{_acmeSlug}/introductions/new?contact={kenji.Id}";
        var sent = await c.RequesterClient.PostFormAsync(newPage, new() { ["Purpose"] = "SalesLead", ["Reason"] = "Our logistics platform fits their plants" }, newPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var details = sent.Headers.Location!.OriginalString;
        var id = Guid.Parse(details.Split('/')[^1]);
        var waiting = await c.RequesterClient.GetStringAsync(details);
        Assert.Contains("Purchasing Manager", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretname", waiting, StringComparison.Ordinal);
        Assert.Contains("A colleague asks you for an introduction.", await c.ConnectorClient.GetStringAsync($"/{_acmeSlug}/notifications"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(c.ConnectorClient, _acmeSlug, id, "Accept")).StatusCode);
        Assert.DoesNotContain("Secretname", await c.RequesterClient.GetStringAsync(details), StringComparison.Ordinal);
        var today = Day();
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(c.ConnectorClient, _acmeSlug, id, "Consent", new() { ["ConsentOn"] = today })).StatusCode);

        var introduced = await c.RequesterClient.GetStringAsync(details);
        Assert.Contains("Secretname", introduced, StringComparison.Ordinal);
        Assert.Contains("kenji@toyota.example", introduced, StringComparison.Ordinal);
        Assert.Equal(1, await InDbAsync(c.Tenant, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.IntroducedContactViewed && a.ActorUserId == c.Requester.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(c.RequesterClient, _acmeSlug, id, "Outcome", new() { ["NextOutcome"] = "Meeting" })).StatusCode);
        var noAmount = await ActAsync(c.RequesterClient, _acmeSlug, id, "Outcome", new() { ["NextOutcome"] = "Won", ["Currency"] = "JPY" }, expect: HttpStatusCode.OK);
        Assert.Contains("Enter the amount won", await noAmount.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var won = await ActAsync(c.RequesterClient, _acmeSlug, id, "Outcome", new() { ["NextOutcome"] = "Won", ["Amount"] = "1200000", ["Currency"] = "jpy" });
        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        var backwards = await ActAsync(c.RequesterClient, _acmeSlug, id, "Outcome", new() { ["NextOutcome"] = "Meeting" }, expect: HttpStatusCode.OK);
        Assert.Contains("This outcome cannot follow the current one.", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var request = await InDbAsync(c.Tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Equal((IntroductionState.Introduced, IntroductionOutcome.Won, 1_200_000m, "JPY"), (request.State, request.Outcome, request.WonAmount!.Value, request.WonCurrency));
        Assert.Equal(MeetingChannel.Other, request.ContactChannel);
        var kinds = await InDbAsync(c.Tenant, db => db.IntroductionEvents.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([IntroductionEventKind.Requested, IntroductionEventKind.Accepted, IntroductionEventKind.ConsentConfirmed,
            IntroductionEventKind.OutcomeRecorded, IntroductionEventKind.OutcomeRecorded], kinds);
        var connectorView = await c.ConnectorClient.GetStringAsync(details);
        Assert.Contains("1,200,000.00 JPY", connectorView, StringComparison.Ordinal);
        Assert.Contains("The outcome of an introduction you made was updated.", await c.ConnectorClient.GetStringAsync($"/{_acmeSlug}/notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Own_private_and_missing_contacts_are_refused_and_a_private_one_looks_exactly_like_a_missing_one()
    {
        var c = await ColleaguesAsync();
        var mine = await App.CreateContactAsync(c.Tenant, c.Requester.Id, "Mine", "Own", "Initech", ContactVisibility.Shared);
        var hidden = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Hidden", "Person", "Initech", ContactVisibility.Private);

        Assert.Equal(IntroductionProblem.OwnContact, (await RequestAsync(c.Tenant, c.Requester.Id, mine.Id)).Problem);
        Assert.Equal(IntroductionProblem.ContactNotAvailable, (await RequestAsync(c.Tenant, c.Requester.Id, hidden.Id)).Problem);
        Assert.Equal(IntroductionProblem.ContactNotAvailable, (await RequestAsync(c.Tenant, c.Requester.Id, Guid.CreateVersion7())).Problem);
        var privatePage = await c.RequesterClient.GetAsync($"/{_acmeSlug}/introductions/new?contact={hidden.Id}");
        var missingPage = await c.RequesterClient.GetAsync($"/{_acmeSlug}/introductions/new?contact={Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, privatePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingPage.StatusCode);
        Assert.Equal((await missingPage.Content.ReadAsStringAsync()).Length, (await privatePage.Content.ReadAsStringAsync()).Length);
        Assert.Equal(0, await InDbAsync(c.Tenant, db => db.IntroductionRequests.CountAsync()));
    }

    [Fact]
    public async Task A_double_submit_creates_one_request_even_when_both_arrive_at_once()
    {
        var c = await ColleaguesAsync();
        var buyer = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RequestAsync(c.Tenant, c.Requester.Id, buyer.Id)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.RequestId).Distinct());
        Assert.Equal(1, await InDbAsync(c.Tenant, db => db.IntroductionRequests.CountAsync()));
        Assert.Equal(1, await InDbAsync(c.Tenant, db => db.Notifications.CountAsync(n => n.UserId == c.Connector.Id)));
        var page = $"/{_acmeSlug}/introductions/new?contact={buyer.Id}";
        var again = await c.RequesterClient.PostFormAsync(page, new() { ["Purpose"] = "SalesLead", ["Reason"] = "Again" }, page);
        Assert.Equal($"/{_acmeSlug}/introductions/{results[0].RequestId}", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await InDbAsync(c.Tenant, db => db.IntroductionRequests.CountAsync()));
    }

    [Fact]
    public async Task A_declined_request_is_sent_again_within_30_days_only_with_a_new_reason()
    {
        var c = await ColleaguesAsync();
        var buyer = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);
        var first = await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id, "Sell them our ERP");
        var declined = await ActAsync(c.ConnectorClient, _acmeSlug, first.RequestId!.Value, "Decline", new() { ["DeclineReason"] = "She is on leave until spring" });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Contains("She is on leave until spring", await c.RequesterClient.GetStringAsync($"/{_acmeSlug}/introductions/{first.RequestId}"), StringComparison.Ordinal);

        Assert.Equal(IntroductionProblem.DeclinedRecently, (await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id, "  sell them our ERP ")).Problem);
        var page = $"/{_acmeSlug}/introductions/new?contact={buyer.Id}";
        var refused = await c.RequesterClient.PostFormAsync(page, new() { ["Purpose"] = "SalesLead", ["Reason"] = "Sell them our ERP" }, page, expect: HttpStatusCode.OK);
        Assert.Contains("less than 30 days ago", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await InDbAsync(c.Tenant, db => db.IntroductionRequests.ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, DateTimeOffset.UtcNow.AddDays(-31))));
        var later = await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id, "Sell them our ERP");
        Assert.True(later.Succeeded);
        await ActAsync(c.RequesterClient, _acmeSlug, later.RequestId!.Value, "Withdraw");
        var newReason = await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id, "Their new plant in Osaka needs our ERP");
        Assert.True(newReason.Succeeded);
        Assert.Equal(3, await InDbAsync(c.Tenant, db => db.IntroductionRequests.CountAsync()));
    }

    [Fact]
    public async Task Illegal_steps_are_refused_with_a_clear_message_and_change_nothing()
    {
        var c = await ColleaguesAsync();
        var buyer = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);
        var id = (await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id)).RequestId!.Value;
        var today = Day();

        var consentTooEarly = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Consent", new() { ["ConsentOn"] = today }, expect: HttpStatusCode.OK);
        Assert.Contains("This step is not possible in the request&#x27;s current state.", await consentTooEarly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var requesterAccepts = await ActAsync(c.RequesterClient, _acmeSlug, id, "Accept", expect: HttpStatusCode.OK);
        Assert.Contains("Only the colleague concerned can take this step.", await requesterAccepts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badDate = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Consent", new() { ["ConsentOn"] = "2026-13-45" }, expect: HttpStatusCode.OK);
        Assert.Contains("The value is not valid.", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(IntroductionState.Requested, await InDbAsync(c.Tenant, db => db.IntroductionRequests.Select(r => r.State).SingleAsync()));

        await ActAsync(c.ConnectorClient, _acmeSlug, id, "Accept");
        var future = Day(3);
        var futureConsent = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Consent", new() { ["ConsentOn"] = future }, expect: HttpStatusCode.OK);
        Assert.Contains("it cannot be in the future", await futureConsent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ActAsync(c.ConnectorClient, _acmeSlug, id, "Consent", new() { ["ConsentOn"] = today });
        var withdrawLate = await ActAsync(c.RequesterClient, _acmeSlug, id, "Withdraw", expect: HttpStatusCode.OK);
        Assert.Contains("This step is not possible", await withdrawLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var declineLate = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Decline", expect: HttpStatusCode.OK);
        Assert.Contains("This step is not possible", await declineLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var connectorOutcome = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Outcome", new() { ["NextOutcome"] = "Meeting" }, expect: HttpStatusCode.OK);
        Assert.Contains("Only the colleague concerned can take this step.", await connectorOutcome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await ActAsync(c.RequesterClient, _acmeSlug, id, "Message", new() { ["Message"] = "   " }, expect: HttpStatusCode.OK);
        Assert.Contains("Write a message first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await ActAsync(c.RequesterClient, _acmeSlug, id, "Message", new() { ["Message"] = new string('x', 4001) }, expect: HttpStatusCode.OK);
        Assert.Contains("The text is too long.", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var request = await InDbAsync(c.Tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Equal((IntroductionState.Introduced, IntroductionOutcome.None), (request.State, request.Outcome));
        Assert.Equal(3, await InDbAsync(c.Tenant, db => db.IntroductionEvents.CountAsync()));
    }

    [Fact]
    public async Task Deactivating_a_connector_closes_their_pending_requests_with_a_clear_state_and_tells_the_requesters()
    {
        var c = await ColleaguesAsync();
        var a = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Alpha", "Ann", "Initech", ContactVisibility.Shared);
        var b = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Beta", "Ben", "Initech", ContactVisibility.Shared);
        var d = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Delta", "Dan", "Initech", ContactVisibility.Shared);
        var requested = (await RequestAsync(c.Tenant, c.Requester.Id, a.Id)).RequestId!.Value;
        var accepted = (await RequestAsync(c.Tenant, c.Requester.Id, b.Id)).RequestId!.Value;
        var introduced = (await RequestAsync(c.Tenant, c.Requester.Id, d.Id)).RequestId!.Value;
        var today = Day();
        await ActAsync(c.ConnectorClient, _acmeSlug, accepted, "Accept");
        await ActAsync(c.ConnectorClient, _acmeSlug, introduced, "Accept");
        await ActAsync(c.ConnectorClient, _acmeSlug, introduced, "Consent", new() { ["ConsentOn"] = today });

        var admin = await App.SignInAsync(_acmeSlug, c.Admin.Email!);
        var deactivated = await admin.PostFormAsync($"/{_acmeSlug}/admin/users/{c.Connector.Id}?handler=Deactivate", [], $"/{_acmeSlug}/admin/users/{c.Connector.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        var states = await InDbAsync(c.Tenant, db => db.IntroductionRequests.ToDictionaryAsync(r => r.Id, r => r.State));
        Assert.Equal(IntroductionState.ConnectorInactive, states[requested]);
        Assert.Equal(IntroductionState.ConnectorInactive, states[accepted]);
        Assert.Equal(IntroductionState.Introduced, states[introduced]);
        Assert.Equal(2, await InDbAsync(c.Tenant, db => db.Notifications.CountAsync(n => n.UserId == c.Requester.Id && n.Kind == NotificationKinds.IntroductionClosed)));
        Assert.Contains("Closed: the connector left the company", await c.RequesterClient.GetStringAsync($"/{_acmeSlug}/introductions/{requested}"), StringComparison.Ordinal);
        var e = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Echo", "Eve", "Initech", ContactVisibility.Shared);
        Assert.Equal(IntroductionProblem.ConnectorInactive, (await RequestAsync(c.Tenant, c.Requester.Id, e.Id)).Problem);
    }

    [Fact]
    public async Task Managers_follow_their_department_s_requests_without_the_private_conversation_and_others_see_nothing()
    {
        var c = await ColleaguesAsync();
        var manager = await App.CreateUserAsync(c.Tenant, $"manager@{_acmeSlug}.test", Roles.Manager);
        var outsider = await App.CreateUserAsync(c.Tenant, $"outsider@{_acmeSlug}.test", Roles.Manager);
        await App.InTenantAsync(c.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var sales = new NetworkSaaS.Core.Features.Organization.Department { Name = "Sales" };
            var legal = new NetworkSaaS.Core.Features.Organization.Department { Name = "Legal" };
            db.Departments.AddRange(sales, legal);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == manager.Id || u.Id == c.Requester.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, sales.Id));
            await db.Users.Where(u => u.Id == outsider.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, legal.Id));
            return 0;
        });
        var buyer = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared, title: "Head of Purchasing");
        var id = (await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id)).RequestId!.Value;
        await ActAsync(c.RequesterClient, _acmeSlug, id, "Message", new() { ["Message"] = "Private note: their budget is 2M" });

        var managerClient = await App.SignInAsync(_acmeSlug, manager.Email!);
        Assert.Contains($"/{_acmeSlug}/introductions/{id}", await managerClient.GetStringAsync($"/{_acmeSlug}/introductions?view=Team"), StringComparison.Ordinal);
        var managerView = await managerClient.GetStringAsync($"/{_acmeSlug}/introductions/{id}");
        Assert.Contains("Head of Purchasing", managerView, StringComparison.Ordinal);
        Assert.DoesNotContain("their budget is 2M", managerView, StringComparison.Ordinal);
        Assert.DoesNotContain("message-form", managerView, StringComparison.Ordinal);
        var managerActs = await managerClient.PostFormWithTokenAsync($"/{_acmeSlug}/introductions/{id}?handler=Withdraw", [],
            await managerClient.AntiforgeryTokenAsync($"/{_acmeSlug}/introductions/{id}"), expect: HttpStatusCode.NotFound);

        var outsiderClient = await App.SignInAsync(_acmeSlug, outsider.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/{_acmeSlug}/introductions/{id}")).StatusCode);
        Assert.DoesNotContain($"/{_acmeSlug}/introductions/{id}", await outsiderClient.GetStringAsync($"/{_acmeSlug}/introductions?view=Team"), StringComparison.Ordinal);
        Assert.Contains("their budget is 2M", await c.ConnectorClient.GetStringAsync($"/{_acmeSlug}/introductions/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_you_know_at_a_company_goes_to_a_colleague_who_chooses_the_contact_when_accepting()
    {
        var c = await ColleaguesAsync();
        var shared = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Shared", "Sam", "Globex Inc.", ContactVisibility.Shared);
        var quiet = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Quiet", "Quinn", "Globex Inc.", ContactVisibility.Private, title: "CFO");
        var elsewhere = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Else", "Where", "Initech", ContactVisibility.Shared);
        var page = $"/{_acmeSlug}/introductions/new?organization={shared.OrganizationId}&connector={c.Connector.Id}";
        var companyPage = await c.RequesterClient.GetStringAsync($"/{_acmeSlug}/companies/{shared.OrganizationId}");
        Assert.Contains(page.Replace("&", "&amp;", StringComparison.Ordinal), companyPage, StringComparison.Ordinal);
        var sent = await c.RequesterClient.PostFormAsync(page, new() { ["Purpose"] = "Advisor", ["Reason"] = "We need advice on their market" }, page);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = Guid.Parse(sent.Headers.Location!.OriginalString.Split('/')[^1]);

        var noChoice = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Accept", expect: HttpStatusCode.OK);
        Assert.Contains("Choose which of your contacts at this company you will introduce.", await noChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongCompany = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Accept", new() { ["ChosenContact"] = elsewhere.Id.ToString() }, expect: HttpStatusCode.OK);
        Assert.Contains("Choose which of your contacts", await wrongCompany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var accepted = await ActAsync(c.ConnectorClient, _acmeSlug, id, "Accept", new() { ["ChosenContact"] = quiet.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var request = await InDbAsync(c.Tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Equal((IntroductionState.Accepted, quiet.Id, IntroductionPurpose.Advisor), (request.State, request.ContactId!.Value, request.Purpose));
        Assert.DoesNotContain("Quinn", await c.RequesterClient.GetStringAsync($"/{_acmeSlug}/introductions/{id}"), StringComparison.Ordinal);
        var noSharedThere = $"/{_acmeSlug}/introductions/new?organization={shared.OrganizationId}&connector={c.Admin.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await c.RequesterClient.GetAsync(noSharedThere)).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_contact_keeps_the_introduction_history_but_forgets_the_person()
    {
        var c = await ColleaguesAsync();
        var buyer = await App.CreateContactAsync(c.Tenant, c.Connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);
        var id = (await RequestAsync(c.Tenant, c.Requester.Id, buyer.Id)).RequestId!.Value;
        var deleted = await c.ConnectorClient.PostFormAsync($"/{_acmeSlug}/contacts/{buyer.Id}/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var request = await InDbAsync(c.Tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Null(request.ContactId);
        Assert.Equal(id, request.Id);
        Assert.Equal(0, await InDbAsync(c.Tenant, db => db.Contacts.CountAsync(x => x.Id == buyer.Id)));
        Assert.Equal(HttpStatusCode.OK, (await c.RequesterClient.GetAsync($"/{_acmeSlug}/introductions/{id}")).StatusCode);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Introductions;

public sealed partial class AsksTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    private static Dictionary<string, string> AskForm(string title, string purpose = "SalesLead", string? company = null, string? details = null) => new()
    {
        ["Input.Purpose"] = purpose,
        ["Input.Title"] = title,
        ["Input.CompanyName"] = company ?? "",
        ["Input.Details"] = details ?? "",
    };

    private static Dictionary<string, string> AnswerForm(Guid contactId, string? message = null) => new()
    {
        ["Answer.ContactId"] = contactId.ToString(),
        ["Answer.Message"] = message ?? "",
    };

    [Fact]
    public async Task Posting_an_ask_links_the_company_and_invalid_input_gets_a_localized_message_and_saves_nothing()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex Inc.");
        var client = await App.SignInAsync(_acmeSlug, author.Email!);
        Assert.Contains($"/{_acmeSlug}/asks/new", await client.GetStringAsync($"/{_acmeSlug}/asks"), StringComparison.Ordinal);

        var empty = await client.PostFormAsync($"/{_acmeSlug}/asks/new", AskForm("   "), expect: HttpStatusCode.OK);
        Assert.Contains("この項目は必須です。", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await client.PostFormAsync($"/{_acmeSlug}/asks/new", AskForm(new string('長', 201)), expect: HttpStatusCode.OK);
        Assert.Contains("200", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badPurpose = await client.PostFormAsync($"/{_acmeSlug}/asks/new", AskForm("Buyer at Globex", purpose: "42"), expect: HttpStatusCode.OK);
        Assert.Equal(0, await CountAsync(tenant, db => db.Asks));

        var posted = await client.PostFormAsync($"/{_acmeSlug}/asks/new", AskForm("<b>Buyer</b> at Globex", company: "Globex", details: "Purchasing, Osaka office"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var ask = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Asks.SingleAsync());
        Assert.Equal($"/{_acmeSlug}/asks/{ask.Id}", posted.Headers.Location!.OriginalString);
        Assert.Equal((author.Id, IntroductionPurpose.SalesLead, "Globex", contact.OrganizationId, false, AskState.Open),
            (ask.AuthorId, ask.Purpose, ask.CompanyName, ask.OrganizationId, ask.IsPosition, ask.State));
        var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("&lt;b&gt;Buyer&lt;/b&gt; at Globex", page, StringComparison.Ordinal);
        Assert.Contains("依頼を投稿しました。", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employee_cannot_post_a_position_or_reward_by_forging_fields_while_hr_can()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var employee = await App.CreateUserAsync(tenant, $"employee@{_acmeSlug}.test");
        var hr = await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        var department = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var d = new Department { Name = "Platform Engineering" };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d;
        });

        var employeeClient = await App.SignInAsync(_acmeSlug, employee.Email!);
        Assert.DoesNotContain("Input.IsPosition", await employeeClient.GetStringAsync($"/{_acmeSlug}/asks/new"), StringComparison.Ordinal);
        var forged = AskForm("Senior Go engineer in Osaka", "ReferralHire");
        forged["Input.IsPosition"] = "true";
        forged["Input.DepartmentId"] = department.Id.ToString();
        forged["Input.RewardNote"] = "Forged reward";
        await employeeClient.PostFormAsync($"/{_acmeSlug}/asks/new", forged, expect: HttpStatusCode.Redirect);
        var fromEmployee = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Asks.SingleAsync(a => a.AuthorId == employee.Id));
        Assert.Equal((false, null, null), (fromEmployee.IsPosition, fromEmployee.DepartmentId, fromEmployee.RewardNote));

        var hrClient = await App.SignInAsync(_acmeSlug, hr.Email!);
        Assert.Contains("Input.IsPosition", await hrClient.GetStringAsync($"/{_acmeSlug}/asks/new"), StringComparison.Ordinal);
        var position = AskForm("Site reliability engineer", "SalesLead");
        position["Input.IsPosition"] = "true";
        position["Input.DepartmentId"] = department.Id.ToString();
        position["Input.RewardNote"] = "300,000 JPY after probation";
        await hrClient.PostFormAsync($"/{_acmeSlug}/asks/new", position, expect: HttpStatusCode.Redirect);
        var fromHr = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Asks.SingleAsync(a => a.AuthorId == hr.Id));
        Assert.Equal((true, IntroductionPurpose.ReferralHire, department.Id, "300,000 JPY after probation"),
            (fromHr.IsPosition, fromHr.Purpose, fromHr.DepartmentId, fromHr.RewardNote));

        var board = await employeeClient.GetStringAsync($"/{_acmeSlug}/asks");
        var positions = board[board.IndexOf("id=\"positions\"", StringComparison.Ordinal)..board.IndexOf("id=\"asks\"", StringComparison.Ordinal)];
        Assert.Contains("Site reliability engineer", positions, StringComparison.Ordinal);
        Assert.Contains("Platform Engineering", positions, StringComparison.Ordinal);
        Assert.Contains("300,000 JPY after probation", positions, StringComparison.Ordinal);
        Assert.DoesNotContain("Senior Go engineer in Osaka", positions, StringComparison.Ordinal);
        Assert.Contains("Senior Go engineer in Osaka", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_starts_one_accepted_request_for_the_author_and_notifies_them()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{_acmeSlug}.test");
        var elsewhere = await App.CreateContactAsync(tenant, connector.Id, "Aaron", "Abbott", "Initech");
        var atGlobex = await App.CreateContactAsync(tenant, connector.Id, "Zed", "Zimmer", "Globex", title: "Head of Purchasing");
        var askId = await PostAskAsync(tenant, author.Id, "Purchasing at Globex", IntroductionPurpose.Advisor, "Globex");

        var client = await App.SignInAsync(_acmeSlug, connector.Email!);
        var page = await client.GetStringAsync($"/{_acmeSlug}/asks/{askId}");
        Assert.True(page.IndexOf(atGlobex.Id.ToString(), StringComparison.Ordinal) < page.IndexOf(elsewhere.Id.ToString(), StringComparison.Ordinal),
            "contacts at the ask's company come first");

        var answered = await client.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", AnswerForm(atGlobex.Id, "She is the right person."));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var request = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionRequests.SingleAsync());
        Assert.Equal($"/{_acmeSlug}/introductions/{request.Id}", answered.Headers.Location!.OriginalString);
        Assert.Equal((askId, IntroductionState.Accepted, IntroductionPurpose.Advisor, author.Id, connector.Id, atGlobex.Id),
            (request.AskId, request.State, request.Purpose, request.RequesterId, request.ConnectorId, request.ContactId));
        var notifications = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.ToListAsync());
        var notification = Assert.Single(notifications);
        Assert.Equal((author.Id, NotificationKinds.IntroductionOffered, request.Id, askId), (notification.UserId, notification.Kind, notification.IntroductionId, notification.AskId));

        var again = await client.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", AnswerForm(atGlobex.Id));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/{_acmeSlug}/introductions/{request.Id}", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await CountAsync(tenant, db => db.IntroductionRequests));
        Assert.Contains("Colleagues who answered: 1", await client.GetStringAsync($"/{_acmeSlug}/asks/{askId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_cannot_answer_their_own_ask_and_nobody_answers_with_someone_elses_contact()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{_acmeSlug}.test");
        var authorsContact = await App.CreateContactAsync(tenant, author.Id, "Own", "Person", "Globex");
        var sharedByAuthor = await App.CreateContactAsync(tenant, author.Id, "Shared", "Person", "Globex", Core.Features.Contacts.ContactVisibility.Shared);
        var askId = await PostAskAsync(tenant, author.Id, "Purchasing at Globex", IntroductionPurpose.SalesLead, "Globex");

        var authorClient = await App.SignInAsync(_acmeSlug, author.Email!);
        var own = await authorClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", AnswerForm(authorsContact.Id), expect: HttpStatusCode.OK);
        Assert.Contains("This is your own ask: colleagues answer it.", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var connectorClient = await App.SignInAsync(_acmeSlug, connector.Email!);
        foreach (var notTheirs in new[] { authorsContact.Id, sharedByAuthor.Id, Guid.NewGuid() })
        {
            var refused = await connectorClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", AnswerForm(notTheirs), expect: HttpStatusCode.OK);
            Assert.Contains("This person is not available for introductions.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var none = await connectorClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", new() { ["Answer.ContactId"] = "" }, expect: HttpStatusCode.OK);
        Assert.Contains("Choose one of your contacts.", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tenant, db => db.IntroductionRequests));
        Assert.Equal(0, await CountAsync(tenant, db => db.Notifications));
        await connectorClient.PostFormAsync($"/{_acmeSlug}/asks/{Guid.NewGuid()}?handler=Answer", AnswerForm(authorsContact.Id), $"/{_acmeSlug}/asks", expect: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_author_or_hr_for_positions_close_an_ask_and_a_closed_ask_refuses_answers()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var hr = await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        var contact = await App.CreateContactAsync(tenant, colleague.Id, "Lee", "Min", "Globex");
        var askId = await PostAskAsync(tenant, author.Id, "Advisor on APPI compliance", IntroductionPurpose.Advisor, null);
        var positionId = await PostAskAsync(tenant, author.Id, "Backend engineer", IntroductionPurpose.ReferralHire, null, isPosition: true);

        var colleagueClient = await App.SignInAsync(_acmeSlug, colleague.Email!);
        Assert.DoesNotContain("handler=Close", await colleagueClient.GetStringAsync($"/{_acmeSlug}/asks/{askId}"), StringComparison.Ordinal);
        await colleagueClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Close", [], expect: HttpStatusCode.Forbidden);
        await colleagueClient.PostFormAsync($"/{_acmeSlug}/asks/{positionId}?handler=Close", [], expect: HttpStatusCode.Forbidden);
        var hrClient = await App.SignInAsync(_acmeSlug, hr.Email!);
        await hrClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Close", [], expect: HttpStatusCode.Forbidden);
        Assert.Equal(AskState.Open, (await LoadAskAsync(tenant, askId)).State);

        await hrClient.PostFormAsync($"/{_acmeSlug}/asks/{positionId}?handler=Close", [], expect: HttpStatusCode.Redirect);
        Assert.Equal(AskState.Closed, (await LoadAskAsync(tenant, positionId)).State);
        var authorClient = await App.SignInAsync(_acmeSlug, author.Email!);
        Assert.Contains("handler=Close", await authorClient.GetStringAsync($"/{_acmeSlug}/asks/{askId}"), StringComparison.Ordinal);
        await authorClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Close", [], expect: HttpStatusCode.Redirect);
        var closed = await LoadAskAsync(tenant, askId);
        Assert.Equal(AskState.Closed, closed.State);
        Assert.NotNull(closed.ClosedAt);

        var refused = await colleagueClient.PostFormAsync($"/{_acmeSlug}/asks/{askId}?handler=Answer", AnswerForm(contact.Id), expect: HttpStatusCode.OK);
        Assert.Contains("This ask is closed.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tenant, db => db.IntroductionRequests));
        var board = await colleagueClient.GetStringAsync($"/{_acmeSlug}/asks");
        Assert.DoesNotContain("Advisor on APPI compliance", board, StringComparison.Ordinal);
        Assert.DoesNotContain("Backend engineer", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_filters_by_purpose_and_only_the_author_sees_who_answered()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        var connector = await App.CreateUserAsync(tenant, $"hidden.helper@{_acmeSlug}.test");
        var onlooker = await App.CreateUserAsync(tenant, $"onlooker@{_acmeSlug}.test");
        var contact = await App.CreateContactAsync(tenant, connector.Id, "Rossi", "Sofia", "Toyota");
        var salesId = await PostAskAsync(tenant, author.Id, "Intro to purchasing at Toyota", IntroductionPurpose.SalesLead, "Toyota");
        await PostAskAsync(tenant, author.Id, "Advisor on APPI compliance", IntroductionPurpose.Advisor, null);

        var connectorClient = await App.SignInAsync(_acmeSlug, connector.Email!);
        await connectorClient.PostFormAsync($"/{_acmeSlug}/asks/{salesId}?handler=Answer", AnswerForm(contact.Id), expect: HttpStatusCode.Redirect);

        var client = await App.SignInAsync(_acmeSlug, onlooker.Email!);
        var advisors = await client.GetStringAsync($"/{_acmeSlug}/asks?purpose=Advisor");
        Assert.Contains("Advisor on APPI compliance", advisors, StringComparison.Ordinal);
        Assert.DoesNotContain("Intro to purchasing at Toyota", advisors, StringComparison.Ordinal);
        var sales = await client.GetStringAsync($"/{_acmeSlug}/asks?purpose=SalesLead");
        Assert.Contains("Intro to purchasing at Toyota", sales, StringComparison.Ordinal);
        Assert.DoesNotContain("Advisor on APPI compliance", sales, StringComparison.Ordinal);
        Assert.Contains("Colleagues who answered: 1", sales, StringComparison.Ordinal);
        Assert.Contains("Advisor on APPI compliance", await client.GetStringAsync($"/{_acmeSlug}/asks"), StringComparison.Ordinal);

        var asOnlooker = await client.GetStringAsync($"/{_acmeSlug}/asks/{salesId}");
        Assert.Contains("Colleagues who answered: 1", asOnlooker, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden.helper", asOnlooker, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden.helper", sales, StringComparison.Ordinal);
        var authorClient = await App.SignInAsync(_acmeSlug, author.Email!);
        Assert.Contains("hidden.helper", await authorClient.GetStringAsync($"/{_acmeSlug}/asks/{salesId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_pages_after_fifty_asks()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var author = await App.CreateUserAsync(tenant, $"author@{_acmeSlug}.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            for (var i = 0; i < 55; i++)
            {
                db.Asks.Add(new Ask { AuthorId = author.Id, Purpose = IntroductionPurpose.SalesLead, Title = $"Ask number {i:00}", CreatedAt = start.AddMinutes(i) });
            }

            return await db.SaveChangesAsync();
        });
        var client = await App.SignInAsync(_acmeSlug, author.Email!);
        var first = await client.GetStringAsync($"/{_acmeSlug}/asks");
        Assert.Contains("Ask number 54", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask number 04", first, StringComparison.Ordinal);
        Assert.Contains("page=2", first, StringComparison.Ordinal);
        var second = await client.GetStringAsync($"/{_acmeSlug}/asks?page=2");
        Assert.Contains("Ask number 04", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask number 54", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_pages_keep_the_strict_content_security_policy()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        await App.CreateContactAsync(tenant, colleague.Id, "Lee", "Min", "Globex");
        var askId = await PostAskAsync(tenant, admin.Id, "Buyer at Globex", IntroductionPurpose.SalesLead, "Globex");
        await PostAskAsync(tenant, admin.Id, "Backend engineer", IntroductionPurpose.ReferralHire, null, isPosition: true);
        foreach (var (email, paths) in new[] { (admin.Email!, new[] { $"/{_acmeSlug}/asks", $"/{_acmeSlug}/asks/new", $"/{_acmeSlug}/asks/{askId}" }), (colleague.Email!, new[] { $"/{_acmeSlug}/asks/{askId}" }) })
        {
            var client = await App.SignInAsync(_acmeSlug, email);
            foreach (var path in paths)
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                var html = await response.Content.ReadAsStringAsync();
                var inline = InlineCode().Match(html);
                Assert.False(inline.Success, $"{path}: inline code '{(inline.Success ? html.Substring(Math.Max(0, inline.Index - 200), 300) : "")}'");
            }
        }
    }

    private Task<Guid> PostAskAsync(ITenantInfo tenant, Guid authorId, string title, IntroductionPurpose purpose, string? company, bool isPosition = false) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var organization = await sp.GetRequiredService<Web.Features.Contacts.OrganizationDirectory>().ResolveAsync(company, [], CancellationToken.None);
            var ask = new Ask
            {
                AuthorId = authorId, Purpose = purpose, Title = title, CompanyName = company, OrganizationId = organization?.Id,
                IsPosition = isPosition, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Asks.Add(ask);
            await db.SaveChangesAsync();
            return ask.Id;
        });

    private Task<Ask> LoadAskAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Asks.AsNoTracking().SingleAsync(a => a.Id == id));

    private Task<int> CountAsync<T>(ITenantInfo tenant, Func<AppDbContext, IQueryable<T>> set) =>
        App.InTenantAsync(tenant, sp => set(sp.GetRequiredService<AppDbContext>()).CountAsync());
}

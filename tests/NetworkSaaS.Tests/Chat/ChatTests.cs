using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Chat;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Chat;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Chat;

/// <summary>
/// Slack and Teams through the outgoing delivery queue, against a local receiver that checks the shapes each service
/// documents: settings pages (secrets kept protected, never shown back), test messages, introduction requests and
/// nudges in the recipient's language, direct messages found by users.lookupByEmail, and isolation between companies.
/// </summary>
public sealed class ChatTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string BotToken = "xoxb-1111-2222-secretbottoken";
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private ChatReceiver _receiver = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Deliveries:AllowUnsafeTargets"] = "true",
        ["Chat:SlackApiBaseUrl"] = new Uri(_receiver.BaseUrl, "api/").AbsoluteUri,
        ["Chat:SlackWebhookBaseUrl"] = new Uri(_receiver.BaseUrl, "slack/").AbsoluteUri,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    public override async Task InitializeAsync()
    {
        _receiver = await ChatReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_company_slack_app_posts_with_its_bot_token_and_the_token_is_never_shown_back()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var signedIn = await App.SignInAsync("acme", admin.Email!);
        Assert.Contains("id=\"chat-off\"", await signedIn.GetStringAsync("/acme/admin/chat"), StringComparison.Ordinal);

        await signedIn.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "SlackBot", ["Input.Secret"] = "not-a-token", ["Input.Channel"] = "C0123" },
            expect: HttpStatusCode.OK);
        await signedIn.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "SlackBot", ["Input.Secret"] = BotToken, ["Input.Channel"] = "C0123" });

        var page = await signedIn.GetStringAsync("/acme/admin/chat");
        Assert.DoesNotContain(BotToken, page, StringComparison.Ordinal);
        Assert.Contains("xoxb-…oken", page, StringComparison.Ordinal);
        var stored = await InDbAsync(tenant, db => db.ChatTargets.AsNoTracking().SingleAsync());
        Assert.Null(stored.UserId);
        Assert.DoesNotContain(BotToken, stored.ProtectedSecret!, StringComparison.Ordinal);

        // Saving again without the token keeps it.
        await signedIn.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "SlackBot", ["Input.Secret"] = "", ["Input.Channel"] = "C0456" });
        await signedIn.PostFormAsync("/acme/admin/chat?handler=Test", [], formPage: "/acme/admin/chat");
        await DeliverAsync(tenant);

        var post = Assert.Single(_receiver.Requests, r => r.PathAndQuery == "/api/chat.postMessage");
        Assert.Equal("POST", post.Method);
        Assert.Equal($"Bearer {BotToken}", post.Authorization);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal("C0456", (string?)post.Body!["channel"]);
        AssertSlackShape(post.Body, "Test message from NetworkSaaS", "http://localhost:5080/acme/");
        var delivery = await InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.DoesNotContain(BotToken, delivery.Body + delivery.Target, StringComparison.Ordinal);

        var audit = await InDbAsync(tenant, db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("chat.")).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.ChatTargetChanged, AuditActions.ChatTargetChanged, AuditActions.ChatTestSent], audit);
    }

    [Fact]
    public async Task A_slack_web_api_answer_with_ok_false_is_a_failed_attempt_that_is_retried_not_a_delivery()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var signedIn = await App.SignInAsync("acme", admin.Email!);
        await signedIn.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "SlackBot", ["Input.Secret"] = BotToken, ["Input.Channel"] = "C0GONE" });
        _receiver.SlackPostError = "channel_not_found";
        await signedIn.PostFormAsync("/acme/admin/chat?handler=Test", [], formPage: "/acme/admin/chat");
        await DeliverAsync(tenant);

        var failed = await InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal((DeliveryState.Pending, 1, 200), (failed.State, failed.Attempts, failed.ResponseStatus));
        Assert.Null(failed.DeliveredAt);
        Assert.Contains("channel_not_found", failed.Error, StringComparison.Ordinal);

        // The channel is fixed in Slack; the retry after the back-off delivers it.
        _receiver.SlackPostError = null;
        _clock.UtcNow += TimeSpan.FromMinutes(1);
        await DeliverAsync(tenant);
        var delivered = await InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal((DeliveryState.Delivered, 2), (delivered.State, delivered.Attempts));
        Assert.Equal(2, _receiver.Requests.Count(r => r.PathAndQuery == "/api/chat.postMessage"));
    }

    [Fact]
    public async Task An_introduction_request_reaches_the_connectors_teams_in_their_language_with_a_link_to_act()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var connector = await App.CreateUserAsync(tenant, "connector@acme.test");
        var requester = await App.CreateUserAsync(tenant, "requester@acme.test");
        var bystander = await App.CreateUserAsync(tenant, "bystander@acme.test");
        await SetCultureAsync(tenant, connector.Id, "ja");
        var teams = new Uri(_receiver.BaseUrl, "teams/workflows/abc?sig=secret-signature").AbsoluteUri;
        var signedIn = await App.SignInAsync("acme", connector.Email!);
        await signedIn.PostFormAsync("/acme/account/chat", new() { ["Input.Kind"] = "TeamsWebhook", ["Input.Secret"] = teams });
        var page = await signedIn.GetStringAsync("/acme/account/chat");
        Assert.DoesNotContain("secret-signature", page, StringComparison.Ordinal);

        var requestId = await NotifyAsync(tenant, connector.Id, NotificationKinds.IntroductionRequested, requester.Id);
        await NotifyAsync(tenant, bystander.Id, NotificationKinds.IntroductionRequested, requester.Id); // no destination: nothing sent
        await NotifyAsync(tenant, connector.Id, NotificationKinds.IntroductionAccepted, requester.Id); // not a chat kind
        await DeliverAsync(tenant);

        var message = Assert.Single(_receiver.Requests);
        Assert.Equal("/teams/workflows/abc?sig=secret-signature", message.PathAndQuery);
        var body = message.Body!;
        Assert.Equal("message", (string?)body["type"]);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var texts = card["body"]!.AsArray().Select(b => (string?)b!["text"]).ToList();
        Assert.Contains(texts, t => t!.StartsWith("requester: ", StringComparison.Ordinal) && t.Contains("紹介", StringComparison.Ordinal));
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", (string?)action["type"]);
        Assert.Equal("NetworkSaaS で開く", (string?)action["title"]);
        Assert.Equal($"http://localhost:5080/acme/introductions/{requestId}", (string?)action["url"]);

        var states = await InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().Select(d => d.State).ToListAsync());
        Assert.Equal([DeliveryState.Delivered, DeliveryState.Cancelled], states.Order());
        Assert.DoesNotContain(await InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().Select(d => d.Target).ToListAsync()),
            t => t.Contains("secret-signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nudge_arrives_as_a_slack_direct_message_to_the_member_found_by_email_and_a_slack_webhook_gets_text_and_blocks()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var connector = await App.CreateUserAsync(tenant, "connector@acme.test");
        var other = await App.CreateUserAsync(tenant, "other@acme.test");
        _receiver.SlackMembers["connector@acme.test"] = "U0CONNECTOR";
        var adminClient = await App.SignInAsync("acme", admin.Email!);
        await adminClient.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "SlackBot", ["Input.Secret"] = BotToken, ["Input.Channel"] = "C0123" });

        var connectorClient = await App.SignInAsync("acme", connector.Email!);
        await connectorClient.PostFormAsync("/acme/account/chat", new() { ["Input.Kind"] = "SlackDirectMessage" });
        var lookup = Assert.Single(_receiver.Requests);
        Assert.Equal("/api/users.lookupByEmail?email=connector%40acme.test", lookup.PathAndQuery);
        Assert.Equal($"Bearer {BotToken}", lookup.Authorization);
        Assert.Equal("U0CONNECTOR", (await InDbAsync(tenant, db => db.ChatTargets.AsNoTracking().SingleAsync(t => t.UserId == connector.Id))).Channel);

        // Someone Slack does not know gets a clear refusal and nothing is saved.
        var otherClient = await App.SignInAsync("acme", other.Email!);
        var refused = await otherClient.PostFormAsync("/acme/account/chat", new() { ["Input.Kind"] = "SlackDirectMessage" }, expect: HttpStatusCode.OK);
        Assert.Contains("Slack has no member with your email address.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var webhook = new Uri(_receiver.BaseUrl, "slack/services/T000/B000/XXXX").AbsoluteUri;
        await otherClient.PostFormAsync("/acme/account/chat", new() { ["Input.Kind"] = "SlackWebhook", ["Input.Secret"] = "https://evil.example/services/x" },
            expect: HttpStatusCode.OK);
        await otherClient.PostFormAsync("/acme/account/chat", new() { ["Input.Kind"] = "SlackWebhook", ["Input.Secret"] = webhook });
        _receiver.Requests.Clear();

        var requestId = await NotifyAsync(tenant, connector.Id, NotificationKinds.IntroductionNudged, other.Id);
        await NotifyAsync(tenant, other.Id, NotificationKinds.IntroductionRequested, connector.Id);
        await DeliverAsync(tenant);

        var dm = Assert.Single(_receiver.Requests, r => r.PathAndQuery == "/api/chat.postMessage");
        Assert.Equal($"Bearer {BotToken}", dm.Authorization);
        Assert.Equal("U0CONNECTOR", (string?)dm.Body!["channel"]);
        AssertSlackShape(dm.Body, "other: ", $"http://localhost:5080/acme/introductions/{requestId}");
        var hook = Assert.Single(_receiver.Requests, r => r.PathAndQuery == "/slack/services/T000/B000/XXXX");
        Assert.Null(hook.Authorization);
        Assert.Null(hook.Body!["channel"]);
        AssertSlackShape(hook.Body, "connector: ", "http://localhost:5080/acme/introductions/");

        // Without the company's Slack app, direct messages are called off rather than sent with nothing.
        await adminClient.PostFormAsync("/acme/admin/chat?handler=Remove", [], formPage: "/acme/admin/chat");
        _receiver.Requests.Clear();
        await NotifyAsync(tenant, connector.Id, NotificationKinds.IntroductionNudged, other.Id);
        await DeliverAsync(tenant);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Chat_settings_and_messages_stay_inside_their_company()
    {
        var (acme, acmeAdmin) = await App.CreateTenantAsync("acme");
        var (other, otherAdmin) = await App.CreateTenantAsync("other");
        var acmeUser = await App.CreateUserAsync(acme, "user@acme.test");
        var otherClient = await App.SignInAsync("other", otherAdmin.Email!);
        await otherClient.PostFormAsync("/other/admin/chat", new() { ["Input.Kind"] = "TeamsWebhook", ["Input.Secret"] = new Uri(_receiver.BaseUrl, "teams/other").AbsoluteUri });

        // Another company's admin cookie does not open or change this company's settings.
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync("/acme/admin/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync("/acme/account/chat")).StatusCode);
        var acmeClient = await App.SignInAsync("acme", acmeAdmin.Email!);
        Assert.Contains("id=\"chat-off\"", await acmeClient.GetStringAsync("/acme/admin/chat"), StringComparison.Ordinal);

        // An employee is not an admin of the company's chat.
        var employee = await App.SignInAsync("acme", acmeUser.Email!);
        var forbidden = await employee.GetAsync("/acme/admin/chat");
        Assert.Contains(forbidden.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.NotFound });

        // acme's notification finds no destination (other's is invisible to it), so nothing is sent anywhere.
        await NotifyAsync(acme, acmeUser.Id, NotificationKinds.IntroductionRequested, acmeAdmin.Id);
        await DeliverAsync(acme);
        Assert.Empty(_receiver.Requests);
        Assert.Equal(0, await InDbAsync(acme, db => db.ChatTargets.CountAsync()));
        Assert.Equal(0, await InDbAsync(acme, db => db.ChatTargets.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await InDbAsync(other, db => db.ChatTargets.CountAsync()));
    }

    [Fact]
    public async Task The_company_channel_gets_one_asks_digest_a_day_in_the_company_language_with_only_the_new_open_asks()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme", "ja");
        var signedIn = await App.SignInAsync("acme", admin.Email!);
        await signedIn.PostFormAsync("/acme/admin/chat", new() { ["Input.Kind"] = "TeamsWebhook", ["Input.Secret"] = new Uri(_receiver.BaseUrl, "teams/company").AbsoluteUri });
        _clock.UtcNow = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero); // 10:00 in Tokyo
        await InDbAsync(tenant, async db =>
        {
            db.Asks.Add(new Ask { AuthorId = admin.Id, Purpose = IntroductionPurpose.SalesLead, Title = "物流の担当者を紹介してほしい", CompanyName = "山田運輸", CreatedAt = _clock.UtcNow.AddHours(-3) });
            db.Asks.Add(new Ask { AuthorId = admin.Id, Purpose = IntroductionPurpose.SalesLead, Title = "closed one", State = AskState.Closed, CreatedAt = _clock.UtcNow.AddHours(-2) });
            db.Asks.Add(new Ask { AuthorId = admin.Id, Purpose = IntroductionPurpose.SalesLead, Title = "too old", CreatedAt = _clock.UtcNow.AddDays(-8) });
            return await db.SaveChangesAsync();
        });

        Assert.True(await DigestAsync(tenant));
        Assert.False(await DigestAsync(tenant)); // once a day
        await DeliverAsync(tenant);
        var message = Assert.Single(_receiver.Requests);
        Assert.Equal("/teams/company", message.PathAndQuery);
        var card = message.Body!["attachments"]![0]!["content"]!;
        var texts = string.Join("\n", card["body"]!.AsArray().Select(b => (string?)b!["text"]));
        Assert.Contains("依頼ボードに新しい依頼が 1 件あります", texts, StringComparison.Ordinal);
        Assert.Contains("物流の担当者を紹介してほしい (山田運輸)", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("closed one", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("too old", texts, StringComparison.Ordinal);
        Assert.Equal("http://localhost:5080/acme/asks", (string?)card["actions"]![0]!["url"]);

        // The next day with nothing new: no message; before 09:00 local time: not yet.
        _clock.UtcNow = _clock.UtcNow.AddDays(1);
        Assert.False(await DigestAsync(tenant));
        await InDbAsync(tenant, async db =>
        {
            db.Asks.Add(new Ask { AuthorId = admin.Id, Purpose = IntroductionPurpose.SalesLead, Title = "next", CreatedAt = _clock.UtcNow.AddHours(-1) });
            return await db.SaveChangesAsync();
        });
        _clock.UtcNow = new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero); // 07:00 on the 3rd in Tokyo
        Assert.False(await DigestAsync(tenant));
        _clock.UtcNow = _clock.UtcNow.AddHours(3);
        Assert.True(await DigestAsync(tenant));
    }

    private Task<bool> DigestAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AsksDigestJob>().RunAsync(tenant.Id, CancellationToken.None));

    private static void AssertSlackShape(JsonNode body, string textContains, string linkStartsWith)
    {
        Assert.Contains(textContains, (string?)body["text"], StringComparison.Ordinal);
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal("section", (string?)blocks[0]!["type"]);
        Assert.Equal("mrkdwn", (string?)blocks[0]!["text"]!["type"]);
        Assert.Equal("actions", (string?)blocks[1]!["type"]);
        var button = Assert.Single(blocks[1]!["elements"]!.AsArray())!;
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal("plain_text", (string?)button["text"]!["type"]);
        Assert.StartsWith(linkStartsWith, (string?)button["url"], StringComparison.Ordinal);
    }

    /// <summary>A notification made the way the pages and jobs make them (NotificationCenter), with an introduction to link to.</summary>
    private Task<Guid> NotifyAsync(ITenantInfo tenant, Guid userId, string kind, Guid actorId) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var request = new IntroductionRequest
            {
                RequesterId = actorId, ConnectorId = userId, Purpose = IntroductionPurpose.SalesLead, Reason = "r",
                TargetSummary = "x", CreatedAt = _clock.UtcNow, UpdatedAt = _clock.UtcNow,
            };
            db.IntroductionRequests.Add(request);
            sp.GetRequiredService<NotificationCenter>().Notify(userId, kind, request.Id, actorId: actorId);
            await db.SaveChangesAsync();
            return request.Id;
        });

    private Task DeliverAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(tenant.Id, CancellationToken.None));

    private Task SetCultureAsync(ITenantInfo tenant, Guid userId, string culture) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Users.SingleAsync(u => u.Id == userId)).Culture = culture;
            return await db.SaveChangesAsync();
        });

    private Task<T> InDbAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));
}

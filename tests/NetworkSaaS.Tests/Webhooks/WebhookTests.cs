using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Core.Features.Webhooks;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Webhooks;

namespace NetworkSaaS.Tests.Webhooks;

/// <summary>Webhook subscriptions, Standard Webhooks signing, the events and their payloads, the delivery log, isolation.</summary>
public sealed partial class WebhookTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _globexSlug = Slug("globex");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Deliveries:AllowUnsafeTargets"] = "true" };

    [GeneratedRegex("id=\"webhook-secret\">(whsec_[^<]+)<")]
    private static partial Regex SecretPattern();

    /// <summary>Standard Webhooks verification written from the specification, sharing no code with the app.</summary>
    private static bool VerifiesIndependently(string secret, IReadOnlyDictionary<string, string> headers, string body)
    {
        var id = headers["webhook-id"];
        var timestamp = headers["webhook-timestamp"];
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)) > 300)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var candidate in headers["webhook-signature"].Split(' '))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), expected))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<KeyValuePair<string, string>> SubscriptionForm(Uri url, params string[] events) =>
        events.Select(e => new KeyValuePair<string, string>("Input.Events", e)).Prepend(new("Input.Url", url.AbsoluteUri)).Append(new("Input.Description", "CRM sync"));

    private static async Task<string> SubscribeOnPageAsync(HttpClient admin, string slug, Uri url, params string[] events)
    {
        var token = await admin.AntiforgeryTokenAsync($"/{slug}/admin/webhooks");
        var response = await admin.PostFormMultiAsync($"/{slug}/admin/webhooks?handler=Create", SubscriptionForm(url, events), token);
        var match = SecretPattern().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "The new webhook's secret is shown.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A subscription made as the page makes it, without the page (for tests about the events).</summary>
    private Task<Guid> SubscribeAsync(ITenantInfo tenant, Uri url, params string[] events) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var subscription = new WebhookSubscription
            {
                Url = url.AbsoluteUri, Events = [.. events], CreatedAt = DateTimeOffset.UtcNow,
                ProtectedSecret = sp.GetRequiredService<WebhookSecrets>().Protect(WebhookSignature.NewSecret()),
            };
            var db = sp.GetRequiredService<AppDbContext>();
            db.WebhookSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
            return subscription.Id;
        });

    private Task<int> SendDueAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(tenant.Id, CancellationToken.None));

    /// <summary>The webhook deliveries (a notification also queues its chat copy, which is not a webhook).</summary>
    private Task<List<OutgoingDelivery>> DeliveriesAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().OutgoingDeliveries.AsNoTracking()
            .Where(d => d.Channel == WebhookChannel.ChannelName).OrderBy(d => d.CreatedAt).ToListAsync());

    private async Task<Guid> RequestIntroductionAsync(ITenantInfo tenant, Guid requesterId, Guid contactId)
    {
        var result = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(
            requesterId, new IntroductionInput(contactId, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.RequestId!.Value;
    }

    [Fact]
    public async Task A_subscription_made_on_the_page_gets_signed_events_that_verify_independently_and_its_secret_is_shown_once()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var requester = await App.CreateUserAsync(tenant, $"requester@{_acmeSlug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{_acmeSlug}.test");
        var contact = await App.CreateContactAsync(tenant, connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared, email: "barbara@initech.test");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);

        var secret = await SubscribeOnPageAsync(client, _acmeSlug, receiver.UrlOf("/hooks"), WebhookEventTypes.IntroductionRequested, WebhookEventTypes.IntroductionAccepted);
        var page = await client.GetStringAsync($"/{_acmeSlug}/admin/webhooks");
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.Contains(receiver.UrlOf("/hooks").AbsoluteUri, page, StringComparison.Ordinal);
        var stored = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().WebhookSubscriptions.AsNoTracking().SingleAsync());
        Assert.DoesNotContain(secret["whsec_".Length..], stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal([WebhookEventTypes.IntroductionRequested, WebhookEventTypes.IntroductionAccepted], stored.Events);
        Assert.True(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(a => a.Action == AuditActions.WebhookSubscriptionAdded && a.ActorUserId == admin.Id)));

        var id = await RequestIntroductionAsync(tenant, requester.Id, contact.Id);
        Assert.Equal(1, await SendDueAsync(tenant));

        var received = Assert.Single(receiver.Requests);
        Assert.Equal("/hooks", received.Path);
        Assert.StartsWith("msg_", received.Headers["webhook-id"], StringComparison.Ordinal);
        Assert.True(VerifiesIndependently(secret, received.Headers, received.Body));
        Assert.False(VerifiesIndependently(secret, received.Headers, received.Body.Replace("requested", "accepted", StringComparison.Ordinal)));
        Assert.False(VerifiesIndependently(WebhookSignature.NewSecret(), received.Headers, received.Body));

        using var json = JsonDocument.Parse(received.Body);
        Assert.Equal("introduction.requested", json.RootElement.GetProperty("type").GetString());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("introductionId").GetGuid());
        Assert.Equal(requester.Id, data.GetProperty("requesterId").GetGuid());
        Assert.Equal(connector.Id, data.GetProperty("connectorId").GetGuid());
        Assert.Equal("requested", data.GetProperty("state").GetString());
        Assert.Equal("salesLead", data.GetProperty("purpose").GetString());
        foreach (var secretText in new[] { "logistics", "Buyer", "Barbara", "barbara@initech.test", "Initech", $"requester@{_acmeSlug}.test" })
        {
            Assert.DoesNotContain(secretText, received.Body, StringComparison.OrdinalIgnoreCase);
        }

        // Accepted goes to the same subscription; declined was not chosen.
        Assert.True((await App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>().AcceptAsync(connector.Id, id, null, CancellationToken.None))).Succeeded);
        Assert.Equal(1, await SendDueAsync(tenant));
        Assert.Equal(["introduction.requested", "introduction.accepted"], (await DeliveriesAsync(tenant)).Select(d => d.Label));
        Assert.All(receiver.Requests, r => Assert.True(VerifiesIndependently(secret, r.Headers, r.Body)));
    }

    [Fact]
    public async Task Contact_shared_and_user_deactivated_carry_ids_only_and_a_private_contact_raises_nothing()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        await SubscribeAsync(tenant, receiver.UrlOf("/hooks"), WebhookEventTypes.ContactShared, WebhookEventTypes.UserDeactivated);

        await App.CreateContactAsync(tenant, owner.Id, "Secret", "Sam", "Hidden Corp", ContactVisibility.Private, email: "sam@hidden.test");
        await App.CreateContactAsync(tenant, owner.Id, "Discoverable", "Dana", "Seen Corp", ContactVisibility.Discoverable, email: "dana@seen.test");
        Assert.Empty(await DeliveriesAsync(tenant));

        var shared = await App.CreateContactAsync(tenant, owner.Id, "Open", "Olivia", "Open Corp", ContactVisibility.Shared, email: "olivia@open.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync((await users.FindByIdAsync(owner.Id.ToString()))!, null, CancellationToken.None);
            return 0;
        });
        Assert.Equal(2, await SendDueAsync(tenant));

        var bodies = receiver.Requests.Select(r => r.Body).ToList();
        using var sharedJson = JsonDocument.Parse(bodies.Single(b => b.Contains("contact.shared", StringComparison.Ordinal)));
        Assert.Equal(shared.Id, sharedJson.RootElement.GetProperty("data").GetProperty("contactId").GetGuid());
        Assert.Equal(owner.Id, sharedJson.RootElement.GetProperty("data").GetProperty("ownerId").GetGuid());
        using var deactivatedJson = JsonDocument.Parse(bodies.Single(b => b.Contains("user.deactivated", StringComparison.Ordinal)));
        Assert.Equal(owner.Id, deactivatedJson.RootElement.GetProperty("data").GetProperty("userId").GetGuid());
        foreach (var text in new[] { "Sam", "Hidden", "Dana", "Seen", "Olivia", "Open Corp", "olivia@open.test", $"owner@{_acmeSlug}.test" })
        {
            Assert.All(bodies, b => Assert.DoesNotContain(text, b, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Contacts_made_shared_by_a_bulk_change_or_the_review_list_are_announced_once_and_an_already_shared_one_is_not()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        await SubscribeAsync(tenant, new Uri($"https://hooks.example/{_acmeSlug}"), WebhookEventTypes.ContactShared);
        var first = await App.CreateContactAsync(tenant, owner.Id, "Ito", "Aki", "Alpha Corp", ContactVisibility.Discoverable);
        var second = await App.CreateContactAsync(tenant, owner.Id, "Ueda", "Ben", "Beta Corp", ContactVisibility.Private);
        var alreadyShared = await App.CreateContactAsync(tenant, owner.Id, "Endo", "Chie", "Gamma Corp", ContactVisibility.Shared);
        var third = await App.CreateContactAsync(tenant, owner.Id, "Oda", "Dai", "Delta Corp", ContactVisibility.Private);
        Assert.Single(await DeliveriesAsync(tenant));

        var edit = new Web.Features.Contacts.Triage.BulkEdit { Action = Web.Features.Contacts.Triage.BulkAction.Visibility, Visibility = ContactVisibility.Shared };
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<Web.Features.Contacts.Triage.BulkChanges>()
            .ApplyAsync(owner.Id, [first.Id, second.Id, alreadyShared.Id], edit, CancellationToken.None));
        await App.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Web.Features.Contacts.Triage.ToReviewList>()
            .SetAsync(owner.Id, third.Id, null, ContactVisibility.Shared, CancellationToken.None))!.Id);
        // Applying the same change again announces nothing: they already are Shared.
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<Web.Features.Contacts.Triage.BulkChanges>()
            .ApplyAsync(owner.Id, [first.Id, second.Id, third.Id], edit, CancellationToken.None));

        var announced = (await DeliveriesAsync(tenant)).Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("data").GetProperty("contactId").GetGuid()).ToList();
        Assert.Equal(new[] { alreadyShared.Id, first.Id, second.Id, third.Id }.Order(), announced.Order());
    }

    [Fact]
    public async Task A_disabled_subscription_gets_nothing_its_pending_deliveries_are_cancelled_and_the_log_page_resends()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var secret = await SubscribeOnPageAsync(client, _acmeSlug, receiver.UrlOf("/hooks"), WebhookEventTypes.ContactShared);
        var subscriptionId = (await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().WebhookSubscriptions.AsNoTracking().SingleAsync())).Id;

        await App.CreateContactAsync(tenant, owner.Id, "One", "First", visibility: ContactVisibility.Shared);
        Assert.Equal(1, await SendDueAsync(tenant));
        await App.CreateContactAsync(tenant, owner.Id, "Two", "Second", visibility: ContactVisibility.Shared); // pending when switched off
        await client.PostFormAsync($"/{_acmeSlug}/admin/webhooks?handler=Toggle&id={subscriptionId}", [], formPage: $"/{_acmeSlug}/admin/webhooks");
        await App.CreateContactAsync(tenant, owner.Id, "Three", "Third", visibility: ContactVisibility.Shared);
        Assert.Equal(0, await SendDueAsync(tenant));
        Assert.Equal([DeliveryState.Delivered, DeliveryState.Cancelled], (await DeliveriesAsync(tenant)).Select(d => d.State));
        Assert.Single(receiver.Requests);

        await client.PostFormAsync($"/{_acmeSlug}/admin/webhooks?handler=Toggle&id={subscriptionId}", [], formPage: $"/{_acmeSlug}/admin/webhooks");
        var log = await client.GetStringAsync($"/{_acmeSlug}/admin/webhooks/{subscriptionId}");
        Assert.Contains("HTTP 200", log, StringComparison.Ordinal);
        var delivered = (await DeliveriesAsync(tenant))[0];
        await client.PostFormAsync($"/{_acmeSlug}/admin/webhooks/{subscriptionId}?handler=Resend&deliveryId={delivered.Id}", [], formPage: $"/{_acmeSlug}/admin/webhooks/{subscriptionId}");
        Assert.Equal(1, await SendDueAsync(tenant));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["webhook-id"]).Distinct()); // the same message, for the receiver to recognise
        Assert.All(receiver.Requests, r => Assert.True(VerifiesIndependently(secret, r.Headers, r.Body)));
        Assert.True(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.Action == AuditActions.WebhookDeliveryResent)));
        Assert.True(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.Action == AuditActions.WebhookSubscriptionDisabled)));

        await client.PostFormAsync($"/{_acmeSlug}/admin/webhooks?handler=Delete&id={subscriptionId}", [], formPage: $"/{_acmeSlug}/admin/webhooks");
        Assert.Empty(await DeliveriesAsync(tenant));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{_acmeSlug}/admin/webhooks/{subscriptionId}")).StatusCode);
    }

    [Fact]
    public async Task A_subscription_of_company_A_never_receives_company_Bs_events_and_Bs_pages_refuse_As_subscription()
    {
        var (a, adminA) = await App.CreateTenantAsync(_acmeSlug);
        var (b, adminB) = await App.CreateTenantAsync(_globexSlug);
        var ownerA = await App.CreateUserAsync(a, $"owner@{_acmeSlug}.test");
        var ownerB = await App.CreateUserAsync(b, $"owner@{_globexSlug}.test");
        await using var receiverA = await LocalHttpReceiver.StartAsync();
        await using var receiverB = await LocalHttpReceiver.StartAsync();
        var subscriptionA = await SubscribeAsync(a, receiverA.UrlOf("/a"), WebhookEventTypes.ContactShared);
        await SubscribeAsync(b, receiverB.UrlOf("/b"), WebhookEventTypes.ContactShared);

        var contactB = await App.CreateContactAsync(b, ownerB.Id, "Bee", "Bo", visibility: ContactVisibility.Shared);
        Assert.Equal(0, await SendDueAsync(a));
        Assert.Equal(1, await SendDueAsync(b));
        Assert.Empty(receiverA.Requests);
        Assert.Contains(contactB.Id.ToString(), Assert.Single(receiverB.Requests).Body, StringComparison.Ordinal);

        await App.CreateContactAsync(a, ownerA.Id, "Ay", "Al", visibility: ContactVisibility.Shared);
        Assert.Equal(1, await SendDueAsync(a));
        var deliveryA = Assert.Single(await DeliveriesAsync(a));

        var clientB = await App.SignInAsync(_globexSlug, adminB.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/{_globexSlug}/admin/webhooks/{subscriptionA}")).StatusCode);
        Assert.DoesNotContain(receiverA.UrlOf("/a").AbsoluteUri, await clientB.GetStringAsync($"/{_globexSlug}/admin/webhooks"), StringComparison.Ordinal);
        foreach (var handler in new[] { "Toggle", "Delete" })
        {
            await clientB.PostFormAsync($"/{_globexSlug}/admin/webhooks?handler={handler}&id={subscriptionA}", [], formPage: $"/{_globexSlug}/admin/webhooks", expect: HttpStatusCode.NotFound);
        }

        await clientB.PostFormAsync($"/{_globexSlug}/admin/webhooks/{subscriptionA}?handler=Resend&deliveryId={deliveryA.Id}", [], formPage: $"/{_globexSlug}/admin/webhooks", expect: HttpStatusCode.NotFound);
        // A's cookie under B's address is refused outright.
        var clientA = await App.SignInAsync(_acmeSlug, adminA.Email!);
        Assert.NotEqual(HttpStatusCode.OK, (await clientA.GetAsync($"/{_globexSlug}/admin/webhooks")).StatusCode);

        var stillA = await App.InTenantAsync(a, sp => sp.GetRequiredService<AppDbContext>().WebhookSubscriptions.AsNoTracking().SingleAsync());
        Assert.True(stillA.IsEnabled);
        Assert.Single(await DeliveriesAsync(a));
        Assert.Single(receiverA.Requests);
    }
}

/// <summary>The subscription form as production has it: https on the public internet only.</summary>
public sealed class WebhookProductionRulesTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _globexSlug = Slug("globex");

    [Theory]
    [InlineData("http://example.com/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks")]
    [InlineData("https://user:password@example.com/hooks")]
    [InlineData("ftp://example.com/hooks")]
    public async Task The_form_refuses_a_url_that_deliveries_could_never_reach(string url)
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var token = await client.AntiforgeryTokenAsync($"/{_acmeSlug}/admin/webhooks");
        var response = await client.PostFormMultiAsync($"/{_acmeSlug}/admin/webhooks?handler=Create",
            [new("Input.Url", url), new("Input.Events", WebhookEventTypes.ExportReady)], token, expect: HttpStatusCode.OK);
        Assert.Contains("Enter an https URL on the public internet.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().WebhookSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task Only_admins_reach_the_webhook_pages()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        var client = await App.SignInAsync(_acmeSlug, $"hr@{_acmeSlug}.test");
        var response = await client.GetAsync($"/{_acmeSlug}/admin/webhooks");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}

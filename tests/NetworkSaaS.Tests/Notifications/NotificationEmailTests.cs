using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>The notification email outbox: each notification mailed once, after its commit, in the recipient's language, as they chose.</summary>
public sealed class NotificationEmailTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 9, 1, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(sp => new FlakyEmailSender(new PickupDirectoryEmailSender(sp.GetRequiredService<EmailOptions>(), NullLogger<PickupDirectoryEmailSender>.Instance)));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<FlakyEmailSender>());
    }

    private FlakyEmailSender Mail => App.Services.GetRequiredService<FlakyEmailSender>();

    private sealed record Pair(Tenant Tenant, AppUser Requester, AppUser Connector, Contact Contact);

    private async Task<Pair> PairAsync(string slug = "acme", string culture = "en")
    {
        var (tenant, _) = await App.CreateTenantAsync(slug, culture);
        var requester = await App.CreateUserAsync(tenant, $"requester@{slug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{slug}.test");
        var contact = await App.CreateContactAsync(tenant, connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);
        return new Pair(tenant, requester, connector, contact);
    }

    private Task<T> InDbAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private async Task<Guid> RequestAsync(Pair p, Contact? contact = null)
    {
        var result = await App.InTenantAsync(p.Tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(
            p.Requester.Id, new IntroductionInput((contact ?? p.Contact).Id, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.RequestId!.Value;
    }

    private Task<IntroductionResult> StepAsync(ITenantInfo tenant, Func<IntroductionService, Task<IntroductionResult>> step) =>
        App.InTenantAsync(tenant, sp => step(sp.GetRequiredService<IntroductionService>()));

    private Task<int> RunEmailsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<NotificationEmailJob>().RunAsync(tenant.Id, CancellationToken.None));

    private Task<List<NotificationEmailState>> StatesAsync(ITenantInfo tenant) =>
        InDbAsync(tenant, db => db.NotificationEmails.OrderBy(e => e.CreatedAt).Select(e => e.State).ToListAsync());

    [Fact]
    public async Task Introduction_notifications_are_mailed_once_each_in_the_recipients_language_with_links_to_the_request_and_the_settings()
    {
        var p = await PairAsync("sakura", "ja");
        await InDbAsync(p.Tenant, db => db.Users.Where(u => u.Id == p.Requester.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "en")));
        await InDbAsync(p.Tenant, db => db.Users.Where(u => u.Id == p.Connector.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Ann <b>Lee</b>")));

        var id = await RequestAsync(p);
        Assert.Equal(1, await RunEmailsAsync(p.Tenant));
        var ja = Assert.Single(App.Mails());
        Assert.Equal(p.Connector.Email, ja.To.Mailboxes.Single().Address);
        Assert.Equal("【sakura Company】同僚から紹介の依頼が届きました。", ja.Subject);
        Assert.Contains("requester: 同僚から紹介の依頼が届きました。", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/sakura/introductions/{id}", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/sakura/notifications/settings", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost:5080/sakura/introductions/{id}\"", ja.HtmlBody, StringComparison.Ordinal);

        Assert.True((await StepAsync(p.Tenant, s => s.AcceptAsync(p.Connector.Id, id, null, CancellationToken.None))).Succeeded);
        Assert.Equal(1, await RunEmailsAsync(p.Tenant));
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));
        var en = Assert.Single(App.Mails(), m => m.To.Mailboxes.Single().Address == p.Requester.Email);
        Assert.Equal("[sakura Company] Your introduction request was accepted.", en.Subject);
        Assert.StartsWith("Hello requester,", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ann <b>Lee</b>: Your introduction request was accepted.", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ann &lt;b&gt;Lee&lt;/b&gt;: Your introduction request was accepted.", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Choose which notifications also come by email:", en.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, App.Mails().Count);
        Assert.Equal([NotificationEmailState.Sent, NotificationEmailState.Sent], await StatesAsync(p.Tenant));
    }

    [Fact]
    public async Task Every_notification_kind_has_a_text_in_both_languages_and_every_introduction_kind_is_mailed()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var labels = scope.ServiceProvider.GetRequiredService<NotificationLabels>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "en", "ja" })
            {
                CultureInfo.CurrentUICulture = new CultureInfo(culture);
                var texts = NotificationKinds.All.Select(labels.Notification).ToList();
                Assert.DoesNotContain(texts, t => NotificationKinds.All.Contains(t));
                Assert.Equal(texts.Count, texts.Distinct().Count());
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.All(NotificationKinds.All.Where(NotificationKinds.IsIntroduction), k => Assert.True(NotificationEmails.IsMailed(k), k));
        Assert.False(NotificationEmails.IsMailed(NotificationKinds.StayInTouchDigest)); // it sends its own mail
    }

    [Fact]
    public async Task A_failing_mail_server_fails_the_job_and_the_retries_send_each_mail_exactly_once()
    {
        var p = await PairAsync();
        var other = await App.CreateContactAsync(p.Tenant, p.Connector.Id, "Chief", "Carol", "Globex", ContactVisibility.Shared);
        await RequestAsync(p);
        await RequestAsync(p, other);
        Mail.FailuresLeft = 3;

        await Assert.ThrowsAsync<AggregateException>(() => RunEmailsAsync(p.Tenant)); // both fail
        Assert.Empty(App.Mails());
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        await Assert.ThrowsAsync<AggregateException>(() => RunEmailsAsync(p.Tenant)); // one fails, one goes
        Assert.Single(App.Mails());
        _clock.UtcNow = _clock.UtcNow.AddMinutes(5);
        Assert.Equal(1, await RunEmailsAsync(p.Tenant));
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));

        Assert.Equal(2, App.Mails().Count);
        Assert.Equal(5, Mail.Attempts);
        Assert.Equal(2, await InDbAsync(p.Tenant, db => db.Notifications.CountAsync()));
        Assert.Equal([NotificationEmailState.Sent, NotificationEmailState.Sent], await StatesAsync(p.Tenant));
    }

    [Fact]
    public async Task Parallel_runs_share_the_pending_mails_and_send_each_once()
    {
        var p = await PairAsync();
        var id = await RequestAsync(p);
        for (var i = 0; i < 5; i++)
        {
            var from = i % 2 == 0 ? p.Connector.Id : p.Requester.Id;
            Assert.True((await StepAsync(p.Tenant, s => s.PostMessageAsync(from, id, $"Message {i}", CancellationToken.None))).Succeeded);
        }

        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunEmailsAsync(p.Tenant)));
        Assert.Equal(6, sent.Sum());
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));
        Assert.Equal(6, App.Mails().Count);
        Assert.Equal(6, Mail.Attempts);
    }

    [Fact]
    public async Task Turning_introductions_by_email_off_stops_the_mails_but_not_the_notifications_and_inactive_colleagues_get_none()
    {
        var p = await PairAsync();
        var connector = await App.SignInAsync("acme", p.Connector.Email!);
        var before = await connector.GetStringAsync("/acme/notifications/settings");
        Assert.Contains("Introductions by email", before, StringComparison.Ordinal);
        Assert.Contains("checked", IntroductionsCheckbox(before), StringComparison.Ordinal);
        var saved = await connector.PostFormAsync("/acme/notifications/settings", new()
        {
            ["Input.DigestFrequency"] = "Daily",
            ["Input.DigestDay"] = "Monday",
            ["Input.DigestHour"] = "8",
            ["Input.DigestByEmail"] = "true",
            ["Input.IntroductionsByEmail"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await InDbAsync(p.Tenant, db => db.NotificationSettings.Where(s => s.UserId == p.Connector.Id).Select(s => s.IntroductionsByEmail).SingleAsync()));
        Assert.DoesNotContain("checked", IntroductionsCheckbox(await connector.GetStringAsync("/acme/notifications/settings")), StringComparison.Ordinal);

        var id = await RequestAsync(p);
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));
        Assert.Equal(1, await InDbAsync(p.Tenant, db => db.Notifications.CountAsync(n => n.UserId == p.Connector.Id)));
        Assert.Equal([NotificationEmailState.Skipped], await StatesAsync(p.Tenant));

        // The requester still gets mail, unless deactivated.
        Assert.True((await StepAsync(p.Tenant, s => s.PostMessageAsync(p.Connector.Id, id, "Which product?", CancellationToken.None))).Succeeded);
        Assert.Equal(1, await RunEmailsAsync(p.Tenant));
        await InDbAsync(p.Tenant, db => db.Users.Where(u => u.Id == p.Requester.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        Assert.True((await StepAsync(p.Tenant, s => s.PostMessageAsync(p.Connector.Id, id, "Still there?", CancellationToken.None))).Succeeded);
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));

        Assert.Equal([NotificationEmailState.Skipped, NotificationEmailState.Sent, NotificationEmailState.Skipped], await StatesAsync(p.Tenant));
        Assert.Equal(p.Requester.Email, Assert.Single(App.Mails()).To.Mailboxes.Single().Address);
        Assert.Equal(1, Mail.Attempts);
    }

    private static string IntroductionsCheckbox(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*type=\"checkbox\"[^>]*name=\"Input.IntroductionsByEmail\"[^>]*>").Value;

    [Fact]
    public async Task An_introduction_mail_can_stop_introduction_mails_from_its_own_link_or_in_one_click_and_nothing_else()
    {
        var p = await PairAsync();
        var id = await RequestAsync(p);
        Assert.Equal(1, await RunEmailsAsync(p.Tenant));
        var mail = Assert.Single(App.Mails());
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var oneClick = System.Text.RegularExpressions.Regex.Match(mail.Headers["List-Unsubscribe"]!,
            "^<http://localhost:5080(/acme/notifications/unsubscribe/one-click\\?token=[A-Za-z0-9_-]+)>$").Groups[1].Value;
        Assert.NotEmpty(oneClick);
        var page = System.Text.RegularExpressions.Regex.Match(mail.TextBody!,
            "Stop getting notifications about introductions by email:\\r?\\nhttp://localhost:5080(/acme/notifications/unsubscribe\\?token=[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(page);

        var anonymous = App.CreateBrowserlikeClient();
        Assert.Contains("Stop getting notifications about introductions by email?", await anonymous.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(oneClick, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);

        var settings = await InDbAsync(p.Tenant, db => db.NotificationSettings.SingleAsync(s => s.UserId == p.Connector.Id));
        Assert.False(settings.IntroductionsByEmail);
        Assert.True(settings.DigestByEmail); // only the kind of mail it came with
        Assert.True((await StepAsync(p.Tenant, s => s.PostMessageAsync(p.Requester.Id, id, "Any news?", CancellationToken.None))).Succeeded);
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));
        Assert.Single(App.Mails());
    }

    [Fact]
    public async Task A_mail_the_server_would_not_take_for_a_day_is_given_up_and_the_notification_stays()
    {
        var p = await PairAsync();
        await RequestAsync(p);
        Mail.FailuresLeft = 100;
        await Assert.ThrowsAsync<AggregateException>(() => RunEmailsAsync(p.Tenant));
        _clock.UtcNow = _clock.UtcNow.AddHours(23);
        await Assert.ThrowsAsync<AggregateException>(() => RunEmailsAsync(p.Tenant));
        _clock.UtcNow = _clock.UtcNow.AddHours(2);
        Assert.Equal(0, await RunEmailsAsync(p.Tenant));
        Assert.Equal(2, Mail.Attempts);
        Assert.Equal([NotificationEmailState.Expired], await StatesAsync(p.Tenant));
        Assert.Equal(1, await InDbAsync(p.Tenant, db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task The_mail_job_is_enqueued_only_once_the_notifying_transaction_has_committed()
    {
        var p = await PairAsync();
        var storage = App.Services.GetRequiredService<JobStorage>();
        int Enqueued() => storage.GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Count(j => j.Value.Job.Type == typeof(NotificationEmailJob) && (Guid)j.Value.Job.Args[0] == p.Tenant.Id);

        await RequestAsync(p);
        Assert.Equal(1, Enqueued());

        await App.InTenantAsync(p.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var center = sp.GetRequiredService<NotificationCenter>();

            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                center.Notify(p.Requester.Id, NotificationKinds.IntroductionMessage);
                await db.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }

            Assert.Equal(1, Enqueued());
            db.ChangeTracker.Clear();
            await using var committed = await db.Database.BeginTransactionAsync();
            center.Notify(p.Requester.Id, NotificationKinds.IntroductionMessage);
            await db.SaveChangesAsync();
            Assert.Equal(1, Enqueued()); // saved, not yet committed: the job could not see the mail
            await committed.CommitAsync();
            Assert.Equal(2, Enqueued());

            // A change without notifications enqueues nothing.
            db.ChangeTracker.Clear();
            await db.Contacts.Where(c => c.Id == p.Contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Notes, "no mail"));
            var contact = await db.Contacts.SingleAsync(c => c.Id == p.Contact.Id);
            contact.Notes = "still no mail";
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(2, Enqueued());
        Assert.Equal(2, await InDbAsync(p.Tenant, db => db.NotificationEmails.CountAsync()));
    }

    [Fact]
    public async Task The_mail_job_of_one_company_never_sends_another_companys_mails()
    {
        var a = await PairAsync("alpha");
        var b = await PairAsync("bravo");
        await RequestAsync(a);
        await RequestAsync(b);

        Assert.Equal(1, await RunEmailsAsync(a.Tenant));
        Assert.Equal(a.Connector.Email, Assert.Single(App.Mails()).To.Mailboxes.Single().Address);
        Assert.Equal([NotificationEmailState.Pending], await StatesAsync(b.Tenant));
        Assert.Equal(1, await RunEmailsAsync(b.Tenant));
        Assert.Equal(2, App.Mails().Count);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Notifications;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Introductions.Reminders;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>
/// Introduction SLAs on a controllable clock: the connector's reminder after N working days, the requester's escalation
/// after the second interval, the outcome prompt; each exactly once, in the company's working days and time zone.
/// </summary>
public sealed class IntroductionReminderTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(sp => new FlakyEmailSender(new PickupDirectoryEmailSender(sp.GetRequiredService<EmailOptions>(), NullLogger<PickupDirectoryEmailSender>.Instance)));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<FlakyEmailSender>());
    }

    /// <summary>January 2026 in London is UTC (Friday the 9th, Wednesday the 14th, Monday the 19th).</summary>
    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset Tokyo(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private sealed record Team(Tenant Tenant, AppUser Admin, AppUser Requester, AppUser Connector, AppUser Manager, AppUser OtherManager);

    /// <summary>A requester, a connector in Sales with its manager, and a manager of another department.</summary>
    private async Task<Team> TeamAsync(string slug = "acme", string culture = "en", bool connectorInSales = true)
    {
        var (tenant, admin) = await App.CreateTenantAsync(slug, culture);
        var requester = await App.CreateUserAsync(tenant, $"requester@{slug}.test");
        var connector = await App.CreateUserAsync(tenant, $"connector@{slug}.test");
        var manager = await App.CreateUserAsync(tenant, $"manager@{slug}.test", Roles.Manager);
        var otherManager = await App.CreateUserAsync(tenant, $"other.manager@{slug}.test", Roles.Manager);
        await InDbAsync(tenant, async db =>
        {
            var sales = new Department { Name = "Sales" };
            var hr = new Department { Name = "People" };
            db.Departments.AddRange(sales, hr);
            await db.SaveChangesAsync();
            Guid[] inSales = connectorInSales ? [connector.Id, manager.Id] : [manager.Id];
            await db.Users.Where(u => inSales.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, sales.Id));
            return await db.Users.Where(u => u.Id == otherManager.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, hr.Id));
        });
        return new Team(tenant, admin, requester, connector, manager, otherManager);
    }

    private Task<T> InDbAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private async Task<Guid> RequestAsync(Team t, AppUser? requester = null, AppUser? connector = null)
    {
        var contact = await App.CreateContactAsync(t.Tenant, (connector ?? t.Connector).Id, "Buyer", $"B{Guid.NewGuid():N}"[..8], "Initech", ContactVisibility.Shared);
        var result = await App.InTenantAsync(t.Tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(
            (requester ?? t.Requester).Id, new IntroductionInput(contact.Id, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.RequestId!.Value;
    }

    private Task<IntroductionResult> StepAsync(ITenantInfo tenant, Func<IntroductionService, Task<IntroductionResult>> step) =>
        App.InTenantAsync(tenant, sp => step(sp.GetRequiredService<IntroductionService>()));

    private Task<int> RunRemindersAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionReminderJob>().RunAsync(tenant.Id, CancellationToken.None));

    private Task<int> RunEmailsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<NotificationEmailJob>().RunAsync(tenant.Id, CancellationToken.None));

    private Task<List<string>> KindsOfAsync(ITenantInfo tenant, Guid userId) =>
        InDbAsync(tenant, db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Kind).Select(n => n.Kind).ToListAsync());

    private static Task<HttpResponseMessage> EscalateAsync(HttpClient client, string slug, Guid id, HttpStatusCode? expect = null) =>
        client.PostFormAsync($"/{slug}/introductions/{id}?handler=Escalate", [], $"/{slug}/introductions/{id}", expect);

    [Fact]
    public async Task A_request_made_on_friday_nudges_its_connector_on_wednesday_at_the_same_hour_and_tells_the_requester_once()
    {
        var t = await TeamAsync();
        _clock.UtcNow = London(1, 9, 10);
        var id = await RequestAsync(t);

        foreach (var early in new[] { London(1, 9, 18), London(1, 10, 10), London(1, 11, 23), London(1, 12, 10), London(1, 13, 10), London(1, 14, 9, 59) })
        {
            _clock.UtcNow = early;
            Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        }

        _clock.UtcNow = London(1, 14, 10);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));

        var requesterClient = await App.SignInAsync("acme", t.Requester.Email!);
        Assert.Contains("Your introduction request has not been answered yet, so we reminded your colleague.",
            await requesterClient.GetStringAsync("/acme/notifications"), StringComparison.Ordinal);
        var page = await requesterClient.GetStringAsync($"/acme/introductions/{id}");
        Assert.Contains("Reminded the connector of the unanswered request", page, StringComparison.Ordinal);
        Assert.Contains("If there is still no answer, you can escalate the request from 2026-01-19 10:00.", page, StringComparison.Ordinal);
        var connectorClient = await App.SignInAsync("acme", t.Connector.Email!);
        Assert.Contains("Reminder: a colleague is still waiting for your answer to an introduction request.",
            await connectorClient.GetStringAsync("/acme/notifications"), StringComparison.Ordinal);

        _clock.UtcNow = London(1, 21, 10);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));

        Assert.Equal([NotificationKinds.IntroductionRequested, NotificationKinds.IntroductionNudged], await KindsOfAsync(t.Tenant, t.Connector.Id));
        Assert.Equal([NotificationKinds.IntroductionConnectorReminded], await KindsOfAsync(t.Tenant, t.Requester.Id));
        var reminder = await InDbAsync(t.Tenant, db => db.IntroductionReminders.SingleAsync());
        var request = await InDbAsync(t.Tenant, db => db.IntroductionRequests.SingleAsync());
        Assert.Equal((id, IntroductionReminderKind.Nudge, request.CreatedAt, London(1, 14, 10)), (reminder.RequestId, reminder.Kind, reminder.DueKey, reminder.CreatedAt));
        Assert.Equal(IntroductionState.Requested, request.State);
        Assert.Equal(London(1, 9, 10), request.UpdatedAt); // a reminder is not an answer: the request itself is untouched
        var events = await InDbAsync(t.Tenant, db => db.IntroductionEvents.OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal([IntroductionEventKind.Requested, IntroductionEventKind.ConnectorReminded], events);
    }

    [Fact]
    public async Task Parallel_runs_and_reruns_make_each_reminder_and_each_of_its_emails_exactly_once()
    {
        var t = await TeamAsync();
        _clock.UtcNow = London(1, 9, 10);
        await RequestAsync(t);
        await RequestAsync(t);

        _clock.UtcNow = London(1, 14, 10, 5);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunRemindersAsync(t.Tenant)));
        Assert.Equal(2, runs.Sum());
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        Assert.Equal(2, await InDbAsync(t.Tenant, db => db.IntroductionReminders.CountAsync()));
        Assert.Equal(2, await InDbAsync(t.Tenant, db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.IntroductionNudged)));
        Assert.Equal(2, await InDbAsync(t.Tenant, db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.IntroductionConnectorReminded)));

        // Two reminders to each side: four mails, each sent once however many runs compete (the requests' own mails,
        // five days old, were given up after a day).
        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunEmailsAsync(t.Tenant)));
        Assert.Equal(4, sent.Sum());
        Assert.Equal(0, await RunEmailsAsync(t.Tenant));
        var mails = App.Mails();
        Assert.Equal(4, mails.Count);
        Assert.Equal(2, mails.Count(m => m.To.Mailboxes.Single().Address == t.Connector.Email));
        Assert.Equal(2, mails.Count(m => m.Subject == "[acme Company] Your introduction request has not been answered yet, so we reminded your colleague."));
    }

    [Fact]
    public async Task Requests_answered_or_closed_meanwhile_and_those_of_inactive_colleagues_get_no_nudge()
    {
        var t = await TeamAsync();
        var leaver = await App.CreateUserAsync(t.Tenant, "leaver@acme.test");
        var quitter = await App.CreateUserAsync(t.Tenant, "quitter@acme.test");
        _clock.UtcNow = London(1, 9, 10);
        var accepted = await RequestAsync(t);
        var declined = await RequestAsync(t);
        var withdrawn = await RequestAsync(t);
        await RequestAsync(t, connector: leaver);
        await RequestAsync(t, requester: quitter);

        _clock.UtcNow = London(1, 13, 16);
        Assert.True((await StepAsync(t.Tenant, s => s.AcceptAsync(t.Connector.Id, accepted, null, CancellationToken.None))).Succeeded);
        Assert.True((await StepAsync(t.Tenant, s => s.DeclineAsync(t.Connector.Id, declined, null, CancellationToken.None))).Succeeded);
        Assert.True((await StepAsync(t.Tenant, s => s.WithdrawAsync(t.Requester.Id, withdrawn, CancellationToken.None))).Succeeded);
        await InDbAsync(t.Tenant, db => db.Users.Where(u => u.Id == leaver.Id || u.Id == quitter.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        _clock.UtcNow = London(1, 20, 10);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        Assert.Equal(0, await InDbAsync(t.Tenant, db => db.IntroductionReminders.CountAsync()));
        Assert.Equal(0, await InDbAsync(t.Tenant, db => db.Notifications.CountAsync(
            n => n.Kind == NotificationKinds.IntroductionNudged || n.Kind == NotificationKinds.IntroductionConnectorReminded)));
    }

    [Fact]
    public async Task Escalation_is_offered_only_after_the_second_interval_refused_too_early_in_the_requesters_language_and_done_once()
    {
        var t = await TeamAsync("sakura", "ja");
        _clock.UtcNow = Tokyo(1, 9, 10);
        var id = await RequestAsync(t);
        _clock.UtcNow = Tokyo(1, 14, 10);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));

        // Friday 17:00, two working days after the reminder: not yet, and the page says from when.
        _clock.UtcNow = Tokyo(1, 16, 17);
        var requester = await App.SignInAsync("sakura", t.Requester.Email!);
        var waiting = await requester.GetStringAsync($"/sakura/introductions/{id}");
        Assert.Contains("回答がない場合は、2026-01-19 10:00以降にエスカレーションできます。", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("escalate-form", waiting, StringComparison.Ordinal);
        var early = await EscalateAsync(requester, "sakura", id, expect: HttpStatusCode.OK);
        Assert.Contains("この依頼はまだエスカレーションできません。", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await InDbAsync(t.Tenant, db => db.IntroductionReminders.CountAsync(m => m.Kind == IntroductionReminderKind.Escalation)));

        _clock.UtcNow = Tokyo(1, 19, 10);
        requester = await App.SignInAsync("sakura", t.Requester.Email!); // sign-ins last 12 hours
        var ready = await requester.GetStringAsync($"/sakura/introductions/{id}");
        Assert.Contains("id=\"escalate-form\"", ready, StringComparison.Ordinal);
        Assert.Contains("managerにエスカレーションする", ready, StringComparison.Ordinal);
        var connector = await App.SignInAsync("sakura", t.Connector.Email!);
        Assert.Contains("この操作は当事者の同僚のみが行えます。", await (await EscalateAsync(connector, "sakura", id, expect: HttpStatusCode.OK)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await EscalateAsync(requester, "sakura", id);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var twice = await EscalateAsync(requester, "sakura", id, expect: HttpStatusCode.OK);
        Assert.Contains("この依頼はすでにエスカレーション済みです。", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal([NotificationKinds.IntroductionEscalated], await InDbAsync(t.Tenant, db => db.Notifications
            .Where(n => n.UserId == t.Manager.Id).Select(n => n.Kind).ToListAsync()));
        Assert.Equal(0, await InDbAsync(t.Tenant, db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.IntroductionEscalated && n.UserId != t.Manager.Id)));
        var escalated = await InDbAsync(t.Tenant, db => db.IntroductionEvents.SingleAsync(e => e.Kind == IntroductionEventKind.Escalated));
        Assert.Equal((t.Requester.Id, Tokyo(1, 19, 10)), (escalated.ActorId!.Value, escalated.At));
        Assert.Contains("にこの依頼をエスカレーションしました。", await requester.GetStringAsync($"/sakura/introductions/{id}"), StringComparison.Ordinal);

        var manager = await App.SignInAsync("sakura", t.Manager.Email!);
        var managerView = await manager.GetStringAsync($"/sakura/introductions/{id}");
        Assert.Contains("未回答の依頼を紹介者の上長にエスカレーションしました", managerView, StringComparison.Ordinal);
        Assert.Contains("未回答の紹介依頼があなたにエスカレーションされました。", await manager.GetStringAsync("/sakura/notifications"), StringComparison.Ordinal);

        // The mails of the request and of the reminder were never sent in this test and are given up after a day.
        Assert.Equal(1, await RunEmailsAsync(t.Tenant));
        var mail = Assert.Single(App.Mails(), m => m.To.Mailboxes.Single().Address == t.Manager.Email);
        Assert.Equal("【sakura Company】未回答の紹介依頼があなたにエスカレーションされました。", mail.Subject);
        Assert.Contains($"http://localhost:5080/sakura/introductions/{id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_manager_in_the_connectors_department_the_admins_get_the_escalation_and_may_then_read_the_request()
    {
        var t = await TeamAsync(connectorInSales: false);
        _clock.UtcNow = London(1, 9, 10);
        var id = await RequestAsync(t);
        _clock.UtcNow = London(1, 14, 10);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));
        _clock.UtcNow = London(1, 19, 10);
        var admin = await App.SignInAsync("acme", t.Admin.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/acme/introductions/{id}")).StatusCode);

        var requester = await App.SignInAsync("acme", t.Requester.Email!);
        Assert.Contains("Escalate to acme Admin", await requester.GetStringAsync($"/acme/introductions/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await EscalateAsync(requester, "acme", id)).StatusCode);

        Assert.Equal([t.Admin.Id], await InDbAsync(t.Tenant, db => db.Notifications
            .Where(n => n.Kind == NotificationKinds.IntroductionEscalated).Select(n => n.UserId).ToListAsync()));
        var adminView = await admin.GetAsync($"/acme/introductions/{id}");
        Assert.Equal(HttpStatusCode.OK, adminView.StatusCode);
        Assert.Contains("Escalated the unanswered request to the connector&#x27;s manager", await adminView.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync("acme", t.OtherManager.Email!)).GetAsync($"/acme/introductions/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_introduction_without_outcome_news_for_30_days_prompts_the_requester_once_per_quiet_period()
    {
        var t = await TeamAsync();
        _clock.UtcNow = London(1, 9, 10);
        var id = await RequestAsync(t);
        Assert.True((await StepAsync(t.Tenant, s => s.AcceptAsync(t.Connector.Id, id, null, CancellationToken.None))).Succeeded);
        _clock.UtcNow = London(1, 9, 11);
        Assert.True((await StepAsync(t.Tenant, s => s.ConfirmConsentAsync(t.Connector.Id, id, new DateOnly(2026, 1, 9), new DateOnly(2026, 1, 9), CancellationToken.None))).Succeeded);

        _clock.UtcNow = London(2, 8, 10, 59);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        _clock.UtcNow = London(2, 8, 11);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));
        _clock.UtcNow = London(2, 15, 11);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));

        // An outcome update starts a new quiet period: prompted again 30 days after it, not before.
        _clock.UtcNow = London(2, 20, 12);
        Assert.True((await StepAsync(t.Tenant, s => s.RecordOutcomeAsync(t.Requester.Id, id, new OutcomeInput(IntroductionOutcome.Meeting, null, null, null, null), CancellationToken.None))).Succeeded);
        _clock.UtcNow = London(3, 22, 11, 59);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        _clock.UtcNow = London(3, 22, 12);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));

        // A final outcome ends the prompts.
        _clock.UtcNow = London(3, 25, 9);
        Assert.True((await StepAsync(t.Tenant, s => s.RecordOutcomeAsync(t.Requester.Id, id, new OutcomeInput(IntroductionOutcome.Won, 5000, "GBP", null, null), CancellationToken.None))).Succeeded);
        _clock.UtcNow = London(9, 1, 9);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));

        var prompts = await InDbAsync(t.Tenant, db => db.IntroductionReminders.Where(m => m.Kind == IntroductionReminderKind.OutcomePrompt)
            .OrderBy(m => m.CreatedAt).Select(m => new { m.DueKey, m.CreatedAt }).ToListAsync());
        Assert.Equal([(London(1, 9, 11), London(2, 8, 11)), (London(2, 20, 12), London(3, 22, 12))], prompts.Select(p => (p.DueKey, p.CreatedAt)));
        Assert.Equal(2, (await KindsOfAsync(t.Tenant, t.Requester.Id)).Count(k => k == NotificationKinds.IntroductionOutcomePrompt));
        var requester = await App.SignInAsync("acme", t.Requester.Email!);
        Assert.Contains("Where did your introduction lead? Please record its outcome.", await requester.GetStringAsync("/acme/notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inactive_requester_gets_no_outcome_prompt()
    {
        var t = await TeamAsync();
        _clock.UtcNow = London(1, 9, 10);
        var id = await RequestAsync(t);
        Assert.True((await StepAsync(t.Tenant, s => s.AcceptAsync(t.Connector.Id, id, null, CancellationToken.None))).Succeeded);
        Assert.True((await StepAsync(t.Tenant, s => s.ConfirmConsentAsync(t.Connector.Id, id, new DateOnly(2026, 1, 9), new DateOnly(2026, 1, 9), CancellationToken.None))).Succeeded);
        await InDbAsync(t.Tenant, db => db.Users.Where(u => u.Id == t.Requester.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        _clock.UtcNow = London(3, 1, 9);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
    }

    [Fact]
    public async Task Admins_set_the_periods_and_holidays_validated_in_their_language_and_the_reminders_follow_them()
    {
        var t = await TeamAsync("sakura", "ja");
        var admin = await App.SignInAsync("sakura", t.Admin.Email!);
        var defaults = await admin.GetStringAsync("/sakura/admin/settings");
        Assert.Contains("name=\"Reminders.NudgeAfterWorkingDays\" value=\"3\"", defaults, StringComparison.Ordinal);
        Assert.Contains("name=\"Reminders.OutcomePromptAfterDays\" value=\"30\"", defaults, StringComparison.Ordinal);

        var bad = await admin.PostFormAsync("/sakura/admin/settings?handler=Reminders", new()
        {
            ["Reminders.NudgeAfterWorkingDays"] = "0",
            ["Reminders.EscalateAfterWorkingDays"] = "31",
            ["Reminders.OutcomePromptAfterDays"] = "30",
            ["Reminders.Holidays"] = "2026-12-29 年末年始\n12/30",
        }, "/sakura/admin/settings", expect: HttpStatusCode.OK);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("1から30までの数値を入力してください。", html, StringComparison.Ordinal);
        Assert.Contains("2行目：行の先頭にyyyy-MM-dd形式の日付を入力してください", html, StringComparison.Ordinal);
        Assert.Equal(0, await InDbAsync(t.Tenant, db => db.CompanyHolidays.CountAsync()));

        var saved = await admin.PostFormAsync("/sakura/admin/settings?handler=Reminders", new()
        {
            ["Reminders.NudgeAfterWorkingDays"] = "2",
            ["Reminders.EscalateAfterWorkingDays"] = "1",
            ["Reminders.OutcomePromptAfterDays"] = "14",
            ["Reminders.Holidays"] = "２０２６－０１－１２　成人の日\r\n\r\n2026-01-13\r\n2026-01-12 duplicate",
        }, "/sakura/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await InDbAsync(t.Tenant, db => db.Tenants.Where(x => x.Id == t.Tenant.Id)
            .Select(x => new { x.NudgeAfterWorkingDays, x.EscalateAfterWorkingDays, x.OutcomePromptAfterDays }).SingleAsync());
        Assert.Equal((2, 1, 14), (stored.NudgeAfterWorkingDays, stored.EscalateAfterWorkingDays, stored.OutcomePromptAfterDays));
        Assert.Contains("2026-01-12 成人の日&#xA;2026-01-13</textarea>", await admin.GetStringAsync("/sakura/admin/settings"), StringComparison.Ordinal);
        Assert.Equal(1, await InDbAsync(t.Tenant, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SettingsChanged && EF.Functions.Like(a.Details!, "introduction reminders%"))));

        // Friday the 9th + 2 working days, with Monday and Tuesday off: Thursday the 15th at the same hour.
        _clock.UtcNow = Tokyo(1, 9, 10);
        var id = await RequestAsync(t);
        _clock.UtcNow = Tokyo(1, 14, 23);
        Assert.Equal(0, await RunRemindersAsync(t.Tenant));
        _clock.UtcNow = Tokyo(1, 15, 10);
        Assert.Equal(1, await RunRemindersAsync(t.Tenant));
        var status = await App.InTenantAsync(t.Tenant, async sp => await sp.GetRequiredService<IntroductionEscalation>().StatusAsync(
            await sp.GetRequiredService<AppDbContext>().IntroductionRequests.SingleAsync(r => r.Id == id), CancellationToken.None));
        Assert.Equal(Tokyo(1, 16, 10), status!.AvailableFrom);
        Assert.Equal([t.Manager.Id], status.To);
    }

    [Fact]
    public async Task The_jobs_of_one_company_never_touch_another_companys_requests_or_mails()
    {
        var a = await TeamAsync("alpha");
        var b = await TeamAsync("bravo");
        _clock.UtcNow = London(1, 9, 10);
        await RequestAsync(a);
        var bravoRequest = await RequestAsync(b);

        _clock.UtcNow = London(1, 14, 10);
        Assert.Equal(1, await RunRemindersAsync(a.Tenant));
        Assert.Equal(2, await RunEmailsAsync(a.Tenant));

        Assert.Equal(0, await InDbAsync(b.Tenant, db => db.IntroductionReminders.CountAsync()));
        Assert.Equal([NotificationKinds.IntroductionRequested], await KindsOfAsync(b.Tenant, b.Connector.Id));
        Assert.Equal([NotificationEmailState.Pending], await InDbAsync(b.Tenant, db => db.NotificationEmails.Select(e => e.State).ToListAsync()));
        Assert.All(App.Mails(), m => Assert.EndsWith("@alpha.test", m.To.Mailboxes.Single().Address, StringComparison.Ordinal));
        Assert.Equal(IntroductionState.Requested, await InDbAsync(b.Tenant, db => db.IntroductionRequests.Where(r => r.Id == bravoRequest).Select(r => r.State).SingleAsync()));
    }
}

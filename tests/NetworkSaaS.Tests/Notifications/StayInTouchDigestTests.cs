using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>An email sender that fails while <see cref="FailuresLeft"/> is positive, then writes to the pickup folder.</summary>
public sealed class FlakyEmailSender(IEmailSender inner) : IEmailSender
{
    private int _failuresLeft;
    private int _attempts;

    public int FailuresLeft { get => _failuresLeft; set => _failuresLeft = value; }
    public int Attempts => _attempts;

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        return Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new IOException("SMTP server unavailable (simulated)")
            : inner.SendAsync(email, cancellationToken);
    }
}

/// <summary>The stay-in-touch digest on a controllable clock: when it comes, exactly once, to whom, in which language.</summary>
public sealed class StayInTouchDigestTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(sp => new FlakyEmailSender(new PickupDirectoryEmailSender(sp.GetRequiredService<EmailOptions>(), NullLogger<PickupDirectoryEmailSender>.Instance)));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<FlakyEmailSender>());
    }

    private FlakyEmailSender Mail => App.Services.GetRequiredService<FlakyEmailSender>();

    [Fact]
    public async Task Digests_due_at_0800_in_tokyo_and_in_london_come_at_their_own_utc_instants_once_each_and_in_each_users_language()
    {
        var (tokyo, tokyoAdmin) = await App.CreateTenantAsync("tokyo", culture: "ja");
        var (london, londonAdmin) = await App.CreateTenantAsync("london", culture: "en");
        var day = new DateOnly(2026, 1, 14); // winter: Tokyo UTC+9, London UTC+0
        await AddDueContactAsync(tokyo, tokyoAdmin, "山田", "太郎", "株式会社テスト", day);
        await AddDueContactAsync(london, londonAdmin, "Smith", "Jane", "Contoso <b>Ltd</b>", day);

        async Task<(int Tokyo, int London)> RunAt(DateTimeOffset utc)
        {
            _clock.UtcNow = utc;
            return (await RunJobAsync(tokyo), await RunJobAsync(london));
        }

        Assert.Equal((0, 0), await RunAt(new(2026, 1, 13, 22, 59, 59, TimeSpan.Zero))); // Tokyo 07:59:59 on the 14th
        Assert.Equal((1, 0), await RunAt(new(2026, 1, 13, 23, 0, 0, TimeSpan.Zero)));   // Tokyo 08:00
        Assert.Equal((0, 0), await RunAt(new(2026, 1, 14, 7, 59, 0, TimeSpan.Zero)));   // London 07:59
        Assert.Equal((0, 1), await RunAt(new(2026, 1, 14, 8, 0, 0, TimeSpan.Zero)));    // London 08:00
        Assert.Equal((0, 0), await RunAt(new(2026, 1, 14, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal([new DateTimeOffset(2026, 1, 13, 23, 0, 0, TimeSpan.Zero)], await DigestInstantsAsync(tokyo));
        Assert.Equal([new DateTimeOffset(2026, 1, 14, 8, 0, 0, TimeSpan.Zero)], await DigestInstantsAsync(london));
        Assert.Equal(1, await CountDigestNotificationsAsync(tokyo));
        Assert.Equal(1, await CountDigestNotificationsAsync(london));

        var mails = App.Mails();
        Assert.Equal(2, mails.Count);
        var ja = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == tokyoAdmin.Email);
        Assert.Equal("連絡のタイミング — 対象の連絡先: 1人（tokyo Company）", ja.Subject);
        Assert.Contains("山田 太郎 (株式会社テスト) — 2026-01-14", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/tokyo/contacts?overdue=true", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/tokyo/notifications/settings", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains("次の方々に連絡する時期が来ています", ja.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost:5080/tokyo/contacts?overdue=true\"", ja.HtmlBody, StringComparison.Ordinal);

        var en = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == londonAdmin.Email);
        Assert.Equal("Stay in touch — contacts due: 1 (london Company)", en.Subject);
        Assert.Contains("These people in your network are due for a touch:", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Jane Smith (Contoso <b>Ltd</b>) — 2026-01-14", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Contoso &lt;b&gt;Ltd&lt;/b&gt;", en.HtmlBody, StringComparison.Ordinal); // user text is encoded in the HTML part
        Assert.DoesNotContain("<b>Ltd", en.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Across_the_london_change_to_summer_time_the_0800_digest_follows_local_time_and_each_day_gets_exactly_one()
    {
        var (tokyo, tokyoAdmin) = await App.CreateTenantAsync("tokyo", culture: "ja");
        var (london, londonAdmin) = await App.CreateTenantAsync("london", culture: "en");
        await AddDueContactAsync(tokyo, tokyoAdmin, "佐藤", "花子", null, new DateOnly(2026, 3, 29));
        await AddDueContactAsync(london, londonAdmin, "Jones", "Tom", null, new DateOnly(2026, 3, 28));

        // Every 15 minutes (as the dispatcher runs) from Saturday 28 March to Tuesday 31 March 2026, 00:00 UTC;
        // British Summer Time starts on Sunday 29 March at 01:00 UTC.
        for (var t = new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero); t = t.AddMinutes(15))
        {
            _clock.UtcNow = t;
            await RunJobAsync(tokyo);
            await RunJobAsync(london);
        }

        Assert.Equal(
            [new(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), new(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), new(2026, 3, 30, 7, 0, 0, TimeSpan.Zero)],
            await DigestInstantsAsync(london));
        Assert.Equal(
            [new(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), new(2026, 3, 29, 23, 0, 0, TimeSpan.Zero), new(2026, 3, 30, 23, 0, 0, TimeSpan.Zero)],
            await DigestInstantsAsync(tokyo));
        Assert.Equal(3, await CountDigestNotificationsAsync(london));
        Assert.Equal(3, await CountDigestNotificationsAsync(tokyo));
        Assert.Equal(6, App.Mails().Count);
    }

    [Fact]
    public async Task Across_the_london_change_back_to_winter_time_the_0800_digest_follows_local_time_and_the_repeated_hour_sends_once()
    {
        var (tokyo, tokyoAdmin) = await App.CreateTenantAsync("tokyo", culture: "ja");
        var (london, londonAdmin) = await App.CreateTenantAsync("london", culture: "en");
        var nightOwl = await App.CreateUserAsync(london, "owl@london.test");
        await AddDueContactAsync(tokyo, tokyoAdmin, "佐藤", "花子", null, new DateOnly(2026, 10, 25));
        await AddDueContactAsync(london, londonAdmin, "Jones", "Tom", null, new DateOnly(2026, 10, 24));
        await AddDueContactAsync(london, nightOwl, "Night", "Owl", null, new DateOnly(2026, 10, 24));
        await SetSettingsAsync(london, nightOwl.Id, DigestFrequency.Daily, DayOfWeek.Monday, hour: 1); // the hour that comes twice

        // Every 15 minutes (as the dispatcher runs) from Saturday 24 October to Tuesday 27 October 2026, 00:00 UTC;
        // British Summer Time ends on Sunday 25 October at 01:00 UTC: 02:00 BST becomes 01:00 GMT, so 01:00–02:00 is lived twice.
        for (var t = new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.Zero); t = t.AddMinutes(15))
        {
            _clock.UtcNow = t;
            await RunJobAsync(tokyo);
            await RunJobAsync(london);
        }

        Assert.Equal(
            [new(2026, 10, 24, 7, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 8, 0, 0, TimeSpan.Zero), new(2026, 10, 26, 8, 0, 0, TimeSpan.Zero)],
            await DigestInstantsAsync(london, londonAdmin.Id));
        // 01:00 local: in summer time on the 24th, at the first of the two 01:00s on the 25th, in winter time on the 26th.
        Assert.Equal(
            [new(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), new(2026, 10, 26, 1, 0, 0, TimeSpan.Zero)],
            await DigestInstantsAsync(london, nightOwl.Id));
        Assert.Equal(
            [new(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), new(2026, 10, 26, 23, 0, 0, TimeSpan.Zero)],
            await DigestInstantsAsync(tokyo));
        Assert.Equal(6, await CountDigestNotificationsAsync(london));
        Assert.Equal(3, await CountDigestNotificationsAsync(tokyo));
        Assert.Equal(9, App.Mails().Count);
    }

    [Fact]
    public async Task Running_the_job_again_or_twice_at_once_creates_no_second_notification_and_no_second_email()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        await AddDueContactAsync(tenant, admin, "Brown", "Ann", null, new DateOnly(2026, 1, 10));
        _clock.UtcNow = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

        var parallel = await Task.WhenAll(RunJobAsync(tenant), RunJobAsync(tenant), RunJobAsync(tenant));
        Assert.Equal(1, parallel.Sum());
        Assert.Equal(0, await RunJobAsync(tenant)); // a retry
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        Assert.Single(App.Mails());
        Assert.Equal(1, Mail.Attempts);
    }

    [Fact]
    public async Task A_failing_mail_server_fails_the_job_for_a_retry_that_sends_the_email_once_and_never_a_second_notification()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        await AddDueContactAsync(tenant, admin, "Brown", "Ann", null, new DateOnly(2026, 1, 10));
        _clock.UtcNow = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        Mail.FailuresLeft = 2;

        await Assert.ThrowsAsync<AggregateException>(() => RunJobAsync(tenant));
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        Assert.Empty(App.Mails());
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        await Assert.ThrowsAsync<AggregateException>(() => RunJobAsync(tenant)); // Hangfire's retry, server still down
        _clock.UtcNow = _clock.UtcNow.AddMinutes(5);
        Assert.Equal(0, await RunJobAsync(tenant)); // the retry after the server is back
        Assert.Equal(0, await RunJobAsync(tenant));

        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        Assert.Single(App.Mails());
        Assert.Equal(3, Mail.Attempts);
        var sentAt = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.Select(d => d.EmailSentAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 9, 6, 0, TimeSpan.Zero), sentAt);
    }

    [Fact]
    public async Task A_weekly_digest_comes_only_on_the_chosen_day()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        await AddDueContactAsync(tenant, admin, "Brown", "Ann", null, new DateOnly(2026, 1, 1));
        await SetSettingsAsync(tenant, admin.Id, DigestFrequency.Weekly, DayOfWeek.Wednesday, hour: 9);

        // Monday 12 to Sunday 18 January 2026, each day at 08:00, 09:00 and 20:00 London time (= UTC in winter).
        for (var d = new DateOnly(2026, 1, 12); d <= new DateOnly(2026, 1, 18); d = d.AddDays(1))
        {
            foreach (var hour in new[] { 8, 9, 20 })
            {
                _clock.UtcNow = new DateTimeOffset(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
                await RunJobAsync(tenant);
            }
        }

        Assert.Equal([new DateTimeOffset(2026, 1, 14, 9, 0, 0, TimeSpan.Zero)], await DigestInstantsAsync(tenant));
        Assert.Single(App.Mails());
    }

    [Fact]
    public async Task Off_no_due_contacts_a_deactivated_user_and_email_off_each_get_what_they_asked_for()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        var off = await App.CreateUserAsync(tenant, "off@alpha.test");
        var nothingDue = await App.CreateUserAsync(tenant, "nothing@alpha.test");
        var gone = await App.CreateUserAsync(tenant, "gone@alpha.test");
        var appOnly = await App.CreateUserAsync(tenant, "apponly@alpha.test");
        var today = new DateOnly(2026, 1, 10);
        await AddDueContactAsync(tenant, off, "Off", "Person", null, today);
        await AddDueContactAsync(tenant, gone, "Gone", "Person", null, today);
        await AddDueContactAsync(tenant, appOnly, "App", "Person", null, today);
        await App.CreateContactAsync(tenant, nothingDue.Id, "Later", "Person"); // next touch in 90 days
        var snoozed = await AddDueContactAsync(tenant, nothingDue, "Snoozed", "Person", null, today);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == snoozed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SnoozedUntil, today.AddDays(3))));
        await SetSettingsAsync(tenant, off.Id, DigestFrequency.Off, DayOfWeek.Monday, 8);
        await SetSettingsAsync(tenant, appOnly.Id, DigestFrequency.Daily, DayOfWeek.Monday, 8, byEmail: false);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == gone.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        _clock.UtcNow = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await RunJobAsync(tenant));

        var notified = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications
            .Where(n => n.Kind == NotificationKinds.StayInTouchDigest).Select(n => n.UserId).ToListAsync());
        Assert.Equal([appOnly.Id], notified);
        Assert.Empty(App.Mails());
        Assert.Equal(0, Mail.Attempts);
        _ = admin;
    }

    [Fact]
    public async Task A_user_who_chose_english_in_a_japanese_company_gets_the_email_in_english()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", culture: "ja");
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == admin.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "en")));
        await AddDueContactAsync(tenant, admin, "田中", "一郎", null, new DateOnly(2026, 1, 10));
        _clock.UtcNow = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero); // 09:00 in Tokyo
        Assert.Equal(1, await RunJobAsync(tenant));
        var mail = Assert.Single(App.Mails());
        Assert.StartsWith("Stay in touch — contacts due: 1", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("田中 一郎 — 2026-01-10", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notification_is_shown_in_the_readers_language_and_opens_the_overdue_contacts()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        await AddDueContactAsync(tenant, admin, "Brown", "Ann", null, new DateOnly(2026, 1, 10));
        _clock.UtcNow = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await RunJobAsync(tenant));

        var client = await App.SignInAsync("alpha", admin.Email!);
        var page = await client.GetStringAsync("/alpha/notifications");
        Assert.Contains("Stay in touch: some of your contacts are due for a touch.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/notifications/settings\"", page, StringComparison.Ordinal);
        var id = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.Select(n => n.Id).SingleAsync());
        var open = await client.PostFormAsync("/alpha/notifications?handler=Open", new() { ["notificationId"] = id.ToString() }, "/alpha/notifications");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/alpha/contacts?overdue=true", open.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Delivery_records_older_than_30_days_are_forgotten_per_tenant_and_the_recent_ones_still_guard_their_day()
    {
        var (alpha, alphaAdmin) = await App.CreateTenantAsync("alpha");
        var (bravo, bravoAdmin) = await App.CreateTenantAsync("bravo");
        await AddDueContactAsync(alpha, alphaAdmin, "Old", "Due", null, new DateOnly(2026, 1, 1));
        await AddDueContactAsync(bravo, bravoAdmin, "Old", "Due", null, new DateOnly(2026, 1, 1));
        foreach (var day in new[] { 1, 2, 10, 11 })
        {
            _clock.UtcNow = new DateTimeOffset(2026, 1, day, 9, 0, 0, TimeSpan.Zero);
            Assert.Equal(1, await RunJobAsync(alpha));
        }

        _clock.UtcNow = new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await RunJobAsync(bravo));

        _clock.UtcNow = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero); // 30 days back is 2026-01-11
        Assert.Equal(3, await App.InTenantAsync(alpha, sp => ActivatorUtilities.CreateInstance<DigestDeliveryCleanupJob>(sp).RunAsync(alpha.Id, CancellationToken.None)));
        Assert.Equal([new DateOnly(2026, 1, 11)], await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.Select(d => d.DigestOn).ToListAsync()));
        Assert.Equal(1, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.CountAsync()));

        // The job of a tenant run with another tenant's id does nothing (the activator sets the scope from the id).
        Assert.Equal(0, await App.InTenantAsync(alpha, sp => ActivatorUtilities.CreateInstance<DigestDeliveryCleanupJob>(sp).RunAsync(bravo.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Notification_email_outbox_rows_done_more_than_30_days_ago_are_forgotten_pending_and_recent_ones_kept()
    {
        var (alpha, alphaAdmin) = await App.CreateTenantAsync("alpha");
        var (bravo, bravoAdmin) = await App.CreateTenantAsync("bravo");
        var now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        _clock.UtcNow = now;
        Task<Guid> AddAsync(ITenantInfo tenant, AppUser user, NotificationEmailState state, DateTimeOffset? doneAt) => App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var notification = new Notification { UserId = user.Id, Kind = NotificationKinds.IntroductionRequested, CreatedAt = now.AddDays(-60) };
            db.Notifications.Add(notification);
            db.NotificationEmails.Add(new NotificationEmail { NotificationId = notification.Id, State = state, CreatedAt = now.AddDays(-60), DoneAt = doneAt });
            await db.SaveChangesAsync();
            return notification.Id;
        });
        var old = await AddAsync(alpha, alphaAdmin, NotificationEmailState.Sent, now.AddDays(-31));
        var recent = await AddAsync(alpha, alphaAdmin, NotificationEmailState.Skipped, now.AddDays(-29));
        var pending = await AddAsync(alpha, alphaAdmin, NotificationEmailState.Pending, null);
        var otherTenant = await AddAsync(bravo, bravoAdmin, NotificationEmailState.Sent, now.AddDays(-31));

        Assert.Equal(1, await App.InTenantAsync(alpha, sp => ActivatorUtilities.CreateInstance<DigestDeliveryCleanupJob>(sp).RunAsync(alpha.Id, CancellationToken.None)));
        Assert.Equal(
            new[] { recent, pending }.Order(),
            (await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().NotificationEmails.Select(e => e.NotificationId).ToListAsync())).Order());
        Assert.Equal(3, await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync())); // the history stays
        Assert.Equal([otherTenant], await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().NotificationEmails.Select(e => e.NotificationId).ToListAsync()));
        Assert.DoesNotContain(old, await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().NotificationEmails.Select(e => e.NotificationId).ToListAsync()));
    }

    private Task<int> RunJobAsync(ITenantInfo tenant) => App.RunDigestJobsAsync(tenant);

    private async Task<Core.Features.Contacts.Contact> AddDueContactAsync(ITenantInfo tenant, AppUser owner, string family, string given, string? company, DateOnly dueOn)
    {
        var contact = await App.CreateContactAsync(tenant, owner.Id, family, given, company);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == contact.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, dueOn)));
        return contact;
    }

    private Task<int> SetSettingsAsync(ITenantInfo tenant, Guid userId, DigestFrequency frequency, DayOfWeek day, int hour, bool byEmail = true) =>
        App.InTenantAsync(tenant, sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.NotificationSettings.Add(new NotificationSettings { UserId = userId, DigestFrequency = frequency, DigestDay = day, DigestHour = hour, DigestByEmail = byEmail });
            return db.SaveChangesAsync();
        });

    private Task<List<DateTimeOffset>> DigestInstantsAsync(ITenantInfo tenant, Guid? userId = null) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries
            .Where(d => userId == null || d.UserId == userId)
            .OrderBy(d => d.CreatedAt).Select(d => d.CreatedAt).ToListAsync());

    private Task<int> CountDigestNotificationsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.StayInTouchDigest));
}

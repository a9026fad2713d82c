using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Introductions.Reminders;

namespace NetworkSaaS.Tests.Calendar;

/// <summary>The private iCalendar feed: its account page, its content parsed back with Ical.Net, revocation, isolation, rate limit.</summary>
public sealed partial class CalendarFeedTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    // 2026-12-01 12:00 in Tokyo.
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:CalendarFeed:PerAccount"] = "6",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [GeneratedRegex("id=\"calendar-feed-url\" readonly value=\"([^\"]+)\"")]
    private static partial Regex FeedUrl();

    [Fact]
    public async Task The_feed_parses_as_icalendar_with_due_contacts_introduction_deadlines_and_campaign_windows_in_the_users_language()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme", "ja");
        var me = await App.CreateUserAsync(tenant, "me@acme.test");
        var colleague = await App.CreateUserAsync(tenant, "colleague@acme.test");
        var overdue = await App.CreateContactAsync(tenant, me.Id, "山田", "太郎", company: "山田商事, 東京; 本社");
        // A long Japanese name: its SUMMARY line is folded between characters, never inside one.
        var coming = await App.CreateContactAsync(tenant, me.Id, "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処", "やぶら小路の藪柑子");
        var snoozed = await App.CreateContactAsync(tenant, me.Id, "佐藤", "花子");
        var later = await App.CreateContactAsync(tenant, me.Id, "遠い", "未来");
        var othersContact = await App.CreateContactAsync(tenant, colleague.Id, "他人", "の連絡先");
        var requestedAt = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero); // Monday 10:00 in Tokyo
        var request = new IntroductionRequest
        {
            RequesterId = colleague.Id, ConnectorId = me.Id, Purpose = IntroductionPurpose.SalesLead, Reason = "Budget talk",
            TargetSummary = "鈴木 一郎 (鈴木工業)", CreatedAt = requestedAt, UpdatedAt = requestedAt,
        };
        await InTenantAsync(tenant, async db =>
        {
            await Touch(db, overdue.Id, new DateOnly(2026, 11, 20), null);
            await Touch(db, coming.Id, new DateOnly(2026, 12, 10), null);
            await Touch(db, snoozed.Id, new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 5));
            await Touch(db, later.Id, new DateOnly(2027, 6, 1), null);
            await Touch(db, othersContact.Id, new DateOnly(2026, 11, 20), null);
            db.IntroductionRequests.Add(request);
            await db.SaveChangesAsync();
        });

        var url = await CreateFeedAsync("acme", me.Email!);
        Assert.StartsWith("http://localhost:5080/acme/calendar.ics?token=", url, StringComparison.Ordinal);
        var anonymous = App.CreateBrowserlikeClient();
        var response = await anonymous.GetAsync(PathOf(url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(15), response.Headers.CacheControl.MaxAge);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        // RFC 5545 §3.1: CRLF line ends, at most 75 octets a line, continuation lines start with a space.
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", text);
        var lines = text.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.Contains("X-WR-CALNAME:acme Company: 私の人脈", text, StringComparison.Ordinal);

        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.ToDictionary(e => e.Uid!.Split('@')[0], StringComparer.Ordinal);

        var due = events[$"stay-in-touch-due-{me.Id}"];
        Assert.Equal("連絡のタイミングが来た連絡先 1 件", due.Summary);
        Assert.Contains($"{overdue.DisplayName} (山田商事, 東京; 本社)", due.Description, StringComparison.Ordinal); // escaped and read back
        Assert.False(due.DtStart!.HasTime);
        Assert.Equal(new DateOnly(2026, 12, 1), due.DtStart.Date);
        Assert.Equal(new DateOnly(2026, 12, 2), due.DtEnd!.Date);

        var comingEvent = events[$"stay-in-touch-{coming.Id}"];
        Assert.Equal($"連絡の時期: {coming.DisplayName}", comingEvent.Summary);
        Assert.Equal(new DateOnly(2026, 12, 10), comingEvent.DtStart!.Date);
        Assert.Equal(new Uri($"http://localhost:5080/acme/contacts/{coming.Id}"), comingEvent.Url);
        Assert.Equal(new DateOnly(2026, 12, 5), events[$"stay-in-touch-{snoozed.Id}"].DtStart!.Date); // the end of the snooze
        Assert.DoesNotContain($"stay-in-touch-{later.Id}", events.Keys); // beyond the 90 days
        Assert.DoesNotContain($"stay-in-touch-{othersContact.Id}", events.Keys);
        Assert.DoesNotContain("他人", text, StringComparison.Ordinal);

        // The deadline the reminder job uses: 3 working days (company setting) after the request, in UTC.
        var answer = events[$"introduction-{request.Id}-answer"];
        Assert.Equal("colleague さんからの紹介依頼に回答する期限", answer.Summary);
        Assert.True(answer.DtStart!.HasTime);
        Assert.True(answer.DtStart.IsUtc);
        var sla = await App.InTenantAsync(tenant, sp => IntroductionSla.LoadAsync(sp.GetRequiredService<AppDbContext>(), tenant.Id, CancellationToken.None));
        Assert.Equal(sla.NudgeDueAt(requestedAt).UtcDateTime, answer.DtStart.AsUtc);
        Assert.Equal(new Uri($"http://localhost:5080/acme/introductions/{request.Id}"), answer.Url);

        // Campaign windows: the New Year cards of 2027 run 1 November 2026 – 3 February 2027 (all day, end exclusive).
        var newYear = events[$"campaign-{tenant.Id}-NewYear-2027"];
        Assert.Equal(new DateOnly(2026, 11, 1), newYear.DtStart!.Date);
        Assert.Equal(new DateOnly(2027, 2, 4), newYear.DtEnd!.Date);
        Assert.Contains($"campaign-{tenant.Id}-Summer-2027", events.Keys);
        Assert.Contains($"campaign-{tenant.Id}-TransferSeason-2027", events.Keys);
        Assert.All(calendar.Events, e => Assert.NotNull(e.DtStamp));

        // UIDs are stable: the same items have the same UIDs on the next poll.
        _clock.UtcNow = _clock.UtcNow.AddHours(2);
        var again = Ical.Net.Calendar.Load(await anonymous.GetStringAsync(PathOf(url)))!;
        Assert.Equal(events.Keys.Order(StringComparer.Ordinal), again.Events.Select(e => e.Uid!.Split('@')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_feed_is_read_only_and_a_regenerated_or_revoked_token_answers_404()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var me = await App.CreateUserAsync(tenant, "me@acme.test");
        var signedIn = await App.SignInAsync("acme", me.Email!);
        Assert.Contains("id=\"calendar-feed-off\"", await signedIn.GetStringAsync("/acme/account/calendar"), StringComparison.Ordinal);

        var first = await CreateFeedAsync("acme", me.Email!, signedIn);
        var anonymous = App.CreateBrowserlikeClient();
        var auditBefore = await CountAsync(tenant, db => db.AuditEntries.CountAsync());
        var feedBefore = await InTenantAsync(tenant, db => db.CalendarFeeds.AsNoTracking().SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PathOf(first))).StatusCode);
        Assert.Equal(auditBefore, await CountAsync(tenant, db => db.AuditEntries.CountAsync()));
        var feedAfter = await InTenantAsync(tenant, db => db.CalendarFeeds.AsNoTracking().SingleAsync());
        Assert.Equal((feedBefore.Id, feedBefore.TokenHash, feedBefore.CreatedAt), (feedAfter.Id, feedAfter.TokenHash, feedAfter.CreatedAt));
        Assert.DoesNotContain(PathOf(first).Split("token=")[1], feedAfter.TokenHash, StringComparison.Ordinal);

        // The page says the feed is on but never shows the address again.
        var page = await signedIn.GetStringAsync("/acme/account/calendar");
        Assert.Contains("id=\"calendar-feed-on\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("calendar.ics?token=", page, StringComparison.Ordinal);

        var second = await CreateFeedAsync("acme", me.Email!, signedIn);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(first))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PathOf(second))).StatusCode);

        await signedIn.PostFormAsync("/acme/account/calendar?handler=Revoke", []);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(second))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/acme/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/acme/calendar.ics?token=nonsense")).StatusCode);
        await signedIn.PostFormAsync("/acme/account/calendar?handler=Revoke", [], expect: HttpStatusCode.NotFound);

        var audit = await InTenantAsync(tenant, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("calendar.")).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => a.Action + ":" + a.ActorUserId).ToListAsync());
        Assert.Equal([$"{AuditActions.CalendarFeedCreated}:{me.Id}", $"{AuditActions.CalendarFeedCreated}:{me.Id}", $"{AuditActions.CalendarFeedRevoked}:{me.Id}"], audit);
    }

    [Fact]
    public async Task A_token_works_only_under_its_own_company_and_only_while_its_user_is_active()
    {
        var (acme, _) = await App.CreateTenantAsync("acme");
        var (other, _) = await App.CreateTenantAsync("other");
        var me = await App.CreateUserAsync(acme, "me@acme.test");
        var stranger = await App.CreateUserAsync(other, "stranger@other.test");
        var mine = await CreateFeedAsync("acme", me.Email!);
        var theirs = await CreateFeedAsync("other", stranger.Email!);
        var anonymous = App.CreateBrowserlikeClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PathOf(mine))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(mine).Replace("/acme/", "/other/", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(theirs).Replace("/other/", "/acme/", StringComparison.Ordinal))).StatusCode);

        // Each company's rows stay its own, also for the database role the app uses (row-level security).
        Assert.Equal(1, await CountAsync(acme, db => db.CalendarFeeds.CountAsync()));
        Assert.Equal(1, await CountAsync(acme, db => db.CalendarFeeds.IgnoreQueryFilters().CountAsync()));

        await InTenantAsync(acme, async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == me.Id)).IsActive = false;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(mine))).StatusCode);
    }

    [Fact]
    public async Task A_feed_polled_too_often_is_refused_with_429()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var me = await App.CreateUserAsync(tenant, "me@acme.test");
        var url = await CreateFeedAsync("acme", me.Email!);
        var anonymous = App.CreateBrowserlikeClient();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PathOf(url))).StatusCode);
        }

        var refused = await anonymous.GetAsync(PathOf(url));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private async Task<string> CreateFeedAsync(string slug, string email, HttpClient? signedIn = null)
    {
        signedIn ??= await App.SignInAsync(slug, email);
        await signedIn.PostFormAsync($"/{slug}/account/calendar?handler=Create", []);
        var page = await signedIn.GetStringAsync($"/{slug}/account/calendar");
        var match = FeedUrl().Match(page);
        Assert.True(match.Success, "The new feed address is shown once after it is made.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private static async Task Touch(AppDbContext db, Guid contactId, DateOnly next, DateOnly? snoozedUntil)
    {
        var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
        contact.NextTouchOn = next;
        contact.SnoozedUntil = snoozedUntil;
    }

    private Task<T> InTenantAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> work) =>
        App.InTenantAsync(tenant, sp => work(sp.GetRequiredService<AppDbContext>()));

    private Task InTenantAsync(ITenantInfo tenant, Func<AppDbContext, Task> work) =>
        App.InTenantAsync(tenant, async sp =>
        {
            await work(sp.GetRequiredService<AppDbContext>());
            return 0;
        });

    private Task<int> CountAsync(ITenantInfo tenant, Func<AppDbContext, Task<int>> count) => InTenantAsync(tenant, count);
}

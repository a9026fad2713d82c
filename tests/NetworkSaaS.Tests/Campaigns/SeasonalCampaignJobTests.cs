using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Campaigns;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>Records what a dispatcher enqueues instead of handing it to Hangfire.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Jobs { get; } = [];

    public string Create(Job job, IState state)
    {
        lock (Jobs)
        {
            Jobs.Add(job);
            return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}

/// <summary>The campaign notifications on a settable clock: when, to whom, exactly once, and not at all when turned off.</summary>
public sealed class SeasonalCampaignJobTests(PostgresCluster cluster)
    : CampaignTest(cluster, new DateTimeOffset(2026, 11, 14, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task The_new_year_notification_comes_at_0900_tokyo_on_15_november_once_to_each_active_user_with_someone_on_the_list()
    {
        var (tokyo, tokyoAdmin) = await App.CreateTenantAsync("sakura", culture: "ja");
        var (london, londonAdmin) = await App.CreateTenantAsync("acme", culture: "en");
        await EnableAsync(london, newYear: true);
        var cardsOnly = await App.CreateUserAsync(tokyo, "cards@sakura.test");
        var nobodyOnList = await App.CreateUserAsync(tokyo, "nobody@sakura.test");
        var gone = await App.CreateUserAsync(tokyo, "gone@sakura.test");
        await AddContactAsync(tokyo, tokyoAdmin, "山田", "太郎", depth: 3);
        var card = await AddContactAsync(tokyo, cardsOnly, "佐藤", "花子", depth: 1);
        await LogGreetingAsync(tokyo, card, new DateOnly(2026, 1, 2)); // last season's New Year card
        await AddContactAsync(tokyo, nobodyOnList, "鈴木", "一郎", depth: 2);
        await AddContactAsync(tokyo, gone, "高橋", "誠", depth: 5);
        await App.InTenantAsync(tokyo, sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == gone.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        await AddContactAsync(london, londonAdmin, "Smith", "Jane", depth: 4);

        Assert.Equal((0, 0), await RunAtAsync(new(2026, 11, 14, 23, 59, 59, TimeSpan.Zero), tokyo, london)); // 08:59:59 on the 15th in Tokyo
        Assert.Equal((2, 0), await RunAtAsync(new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), tokyo, london));    // 09:00 in Tokyo, midnight in London
        Assert.Equal((0, 0), await RunAtAsync(new(2026, 11, 15, 8, 59, 0, TimeSpan.Zero), tokyo, london));
        Assert.Equal((0, 1), await RunAtAsync(new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero), tokyo, london));    // 09:00 in London (GMT)
        Assert.Equal((0, 0), await RunAtAsync(new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero), tokyo, london));    // later in the season: nothing new

        Assert.Equal(new[] { tokyoAdmin.Id, cardsOnly.Id }.Order(), (await NotifiedAsync(tokyo, NotificationKinds.NewYearGreetings)).Order());
        Assert.Equal([londonAdmin.Id], await NotifiedAsync(london, NotificationKinds.NewYearGreetings));
        var rows = await App.InTenantAsync(tokyo, sp => sp.GetRequiredService<AppDbContext>().CampaignNotifications.AsNoTracking().ToListAsync());
        Assert.All(rows, r => Assert.Equal((SeasonalCampaign.NewYear, 2027, new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero)), (r.Campaign, r.Season, r.CreatedAt)));

        // A user who gets someone on the list later in the notification weeks is told then, once.
        await AddContactAsync(tokyo, nobodyOnList, "田中", "恵", depth: 4);
        Assert.Equal((1, 0), await RunAtAsync(new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), tokyo, london));
        Assert.Equal((0, 0), await RunAtAsync(new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), tokyo, london));
        // After 25 December nobody new is told: the cards should be in the post by then.
        await AddContactAsync(tokyo, cardsOnly, "伊藤", "愛", depth: 5);
        var late = await App.CreateUserAsync(tokyo, "late@sakura.test");
        await AddContactAsync(tokyo, late, "木村", "直樹", depth: 5);
        Assert.Equal((0, 0), await RunAtAsync(new(2026, 12, 26, 0, 0, 0, TimeSpan.Zero), tokyo, london));
        Assert.Equal(3, (await NotifiedAsync(tokyo, NotificationKinds.NewYearGreetings)).Count);
    }

    [Fact]
    public async Task A_rerun_a_retry_and_three_parallel_runs_make_exactly_one_notification_per_user_and_season()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", culture: "ja");
        var employee = await App.CreateUserAsync(tenant, "employee@sakura.test");
        await AddContactAsync(tenant, admin, "山田", "太郎", depth: 3);
        await AddContactAsync(tenant, employee, "佐藤", "花子", depth: 5);
        Clock.UtcNow = new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync(tenant)));
        Assert.Equal(2, parallel.Sum());
        Assert.Equal(0, await RunAsync(tenant));
        Clock.UtcNow = Clock.UtcNow.AddHours(1);
        Assert.Equal(0, await RunAsync(tenant));
        Assert.Equal(2, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync()));
        Assert.Equal(2, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().CampaignNotifications.CountAsync()));

        // The next season is a new one.
        Clock.UtcNow = new DateTimeOffset(2027, 11, 15, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, await RunAsync(tenant));
        Assert.Equal([2027, 2028], await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().CampaignNotifications
            .Select(n => n.Season).Distinct().OrderBy(s => s).ToListAsync()));
    }

    [Fact]
    public async Task A_campaign_turned_off_sends_nothing_and_summer_and_transfer_notifications_start_on_their_own_days()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", culture: "ja");
        await AddContactAsync(tenant, admin, "山田", "太郎", depth: 4, company: "株式会社ミライ技研");
        var noCompany = await App.CreateUserAsync(tenant, "friends@sakura.test");
        await AddContactAsync(tenant, noCompany, "佐藤", "花子", depth: 2);
        await EnableAsync(tenant, newYear: false, summer: true, transfers: true);

        Clock.UtcNow = new DateTimeOffset(2026, 11, 15, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await RunAsync(tenant));

        Clock.UtcNow = new DateTimeOffset(2027, 3, 31, 23, 59, 0, TimeSpan.Zero); // 08:59 on 1 April in Tokyo
        Assert.Equal(0, await RunAsync(tenant));
        Clock.UtcNow = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await RunAsync(tenant)); // only the user with someone at a company
        Assert.Equal([admin.Id], await NotifiedAsync(tenant, NotificationKinds.TransferSeason));

        Clock.UtcNow = new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await RunAsync(tenant)); // summer: depth 4 is on the list, depth 2 is not
        Assert.Equal([admin.Id], await NotifiedAsync(tenant, NotificationKinds.SummerGreetings));

        await EnableAsync(tenant, newYear: false, summer: false, transfers: false);
        Clock.UtcNow = new DateTimeOffset(2028, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await RunAsync(tenant));
        Clock.UtcNow = new DateTimeOffset(2028, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await RunAsync(tenant));
    }

    [Fact]
    public async Task The_dispatcher_enqueues_a_job_only_for_tenants_with_a_notification_due_in_their_own_time_zone()
    {
        var (tokyo, _) = await App.CreateTenantAsync("sakura", culture: "ja");
        var (london, _) = await App.CreateTenantAsync("acme", culture: "en");
        var (off, _) = await App.CreateTenantAsync("momiji", culture: "ja");
        await EnableAsync(london, newYear: true);
        await EnableAsync(off, newYear: false, summer: false, transfers: false);

        async Task<Guid[]> DispatchAt(DateTimeOffset utc)
        {
            Clock.UtcNow = utc;
            var client = new RecordingJobClient();
            await using var scope = App.Services.CreateAsyncScope();
            var dispatcher = ActivatorUtilities.CreateInstance<SeasonalCampaignDispatcher>(scope.ServiceProvider, client);
            var count = await dispatcher.EnqueueDueTenantsAsync();
            Assert.Equal(count, client.Jobs.Count);
            Assert.All(client.Jobs, j => Assert.Equal(typeof(SeasonalCampaignJob), j.Type));
            return [.. client.Jobs.Select(TenantJobActivator.TenantIdOf)];
        }

        Assert.Empty(await DispatchAt(new(2026, 11, 14, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal([tokyo.Id], await DispatchAt(new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal([tokyo.Id, london.Id], (await DispatchAt(new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero))).OrderBy(id => id == tokyo.Id ? 0 : 1));
        Assert.Empty(await DispatchAt(new(2027, 1, 15, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task The_notification_speaks_the_readers_language_and_opens_the_campaign_page()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", culture: "ja");
        var english = await App.CreateUserAsync(tenant, "english@sakura.test");
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == english.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "en")));
        await AddContactAsync(tenant, admin, "山田", "太郎", depth: 3, company: "株式会社ミライ技研");
        await AddContactAsync(tenant, english, "Smith", "Jane", depth: 5, company: "Contoso Ltd");
        Clock.UtcNow = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, await RunAsync(tenant));

        var ja = await App.SignInAsync("sakura", admin.Email!);
        Assert.Contains("4月の異動シーズンです。連絡先の会社名・部署・役職に変更がないかご確認ください。", await ja.GetStringAsync("/sakura/notifications"), StringComparison.Ordinal);
        var en = await App.SignInAsync("sakura", english.Email!);
        Assert.Contains("April transfer season (異動): confirm your contacts&#x27; companies, departments and titles.",
            await en.GetStringAsync("/sakura/notifications"), StringComparison.Ordinal);
        var id = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.Where(n => n.UserId == english.Id).Select(n => n.Id).SingleAsync());
        var open = await en.PostFormAsync("/sakura/notifications?handler=Open", new() { ["notificationId"] = id.ToString() }, "/sakura/notifications");
        Assert.Equal("/sakura/campaigns/transfers", open.Headers.Location!.OriginalString);
        Assert.Contains("Transfer season 2027: confirm titles (異動)", await en.GetStringAsync("/sakura/campaigns/transfers"), StringComparison.Ordinal);

        var labels = App.Services.CreateScope().ServiceProvider.GetRequiredService<Web.Features.Notifications.NotificationLabels>();
        foreach (var kind in NotificationKinds.All)
        {
            Assert.NotEqual(kind, labels.Notification(kind)); // every kind has text (the mails render from it too)
        }
    }

    /// <summary>Runs the job as the worker does: in a scope whose tenant is read afresh (settings included) by id.</summary>
    private async Task<int> RunAsync(ITenantInfo tenant)
    {
        var current = await App.Services.GetRequiredService<TenantStore>().FindByIdAsync(tenant.Id);
        return await App.InTenantAsync(current!, sp => ActivatorUtilities.CreateInstance<SeasonalCampaignJob>(sp).RunAsync(tenant.Id, CancellationToken.None));
    }

    private async Task<(int, int)> RunAtAsync(DateTimeOffset utc, ITenantInfo first, ITenantInfo second)
    {
        Clock.UtcNow = utc;
        return (await RunAsync(first), await RunAsync(second));
    }

    private Task<List<Guid>> NotifiedAsync(ITenantInfo tenant, string kind) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.Where(n => n.Kind == kind).Select(n => n.UserId).ToListAsync());

    private Task<int> EnableAsync(ITenantInfo tenant, bool newYear, bool summer = false, bool transfers = false) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.NewYearGreetingsEnabled, newYear)
            .SetProperty(t => t.SummerGreetingsEnabled, summer)
            .SetProperty(t => t.TransferSeasonCheckEnabled, transfers)));
}

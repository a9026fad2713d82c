using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Introductions.Reminders;
using NetworkSaaS.Web.Features.Notifications;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>Introduction reminders and notification emails through a real Hangfire worker, from the commit to the mail.</summary>
public sealed class ReminderWorkerTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 9, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task A_new_request_is_mailed_as_soon_as_it_commits_and_the_recurring_dispatcher_nudges_once_with_its_mails()
    {
        var recurring = App.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs();
        Assert.Equal(IntroductionReminderDispatcher.Schedule, Assert.Single(recurring, j => j.Id == IntroductionReminderDispatcher.RecurringJobId).Cron);
        Assert.Equal(NotificationEmailSweep.Schedule, Assert.Single(recurring, j => j.Id == NotificationEmailSweep.RecurringJobId).Cron);

        var (tenant, _) = await App.CreateTenantAsync("acme");
        var requester = await App.CreateUserAsync(tenant, "requester@acme.test");
        var connector = await App.CreateUserAsync(tenant, "connector@acme.test");
        var contact = await App.CreateContactAsync(tenant, connector.Id, "Buyer", "Barbara", "Initech", ContactVisibility.Shared);
        var result = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(
            requester.Id, new IntroductionInput(contact.Id, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(result.Succeeded);

        // No sweep, no dispatcher: the job enqueued after the commit sends it.
        await WaitUntilAsync(() => Task.FromResult(App.Mails().Count == 1));
        Assert.Equal(connector.Email, App.Mails()[0].To.Mailboxes.Single().Address);

        _clock.UtcNow = new DateTimeOffset(2026, 1, 14, 10, 0, 0, TimeSpan.Zero);
        var jobs = App.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<IntroductionReminderDispatcher>(j => j.EnqueueForAllTenantsAsync());
        jobs.Enqueue<IntroductionReminderDispatcher>(j => j.EnqueueForAllTenantsAsync());
        jobs.Enqueue<NotificationEmailSweep>(j => j.EnqueueForAllTenantsAsync());
        await WaitUntilAsync(() => Task.FromResult(App.Mails().Count == 3));
        var storage = App.Services.GetRequiredService<JobStorage>();
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().EnqueuedCount("default") == 0 && storage.GetMonitoringApi().ProcessingCount() == 0));
        Assert.Equal(0, storage.GetMonitoringApi().FailedCount());

        Assert.Equal(3, App.Mails().Count);
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionReminders.CountAsync()));
        Assert.Equal([NotificationEmailState.Sent, NotificationEmailState.Sent, NotificationEmailState.Sent],
            await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().NotificationEmails.Select(e => e.State).ToListAsync()));
    }
}

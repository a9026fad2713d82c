using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;
using Xunit.Abstractions;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>
/// The digest job and the email job it enqueues on a real Hangfire worker (in the test process), mailing through a real SMTP server on a loopback port:
/// a server that refuses the first attempts, and a user erased while the job runs. Retry delays of 2, 4 and 8 seconds
/// stand in for the production 1, 5 and 15 minutes.
/// </summary>
public sealed class DigestFailureTests(PostgresCluster cluster, ITestOutputHelper output) : IntegrationTest(cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly int[] RetryDelaySeconds = [2, 4, 8];
    private readonly FakeSmtpServer _smtp = new();
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["role"] = "worker",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Timeout"] = "00:02:00",
        ["Email:Smtp:AllowUnencryptedRelay"] = "true", // FakeSmtpServer speaks plain SMTP
        ["Jobs:RetryDelays:0"] = "00:00:02",
        ["Jobs:RetryDelays:1"] = "00:00:04",
        ["Jobs:RetryDelays:2"] = "00:00:08",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private JobStorage Storage => App.Services.GetRequiredService<JobStorage>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Only the jobs a test enqueues run: no quarter-hour dispatcher joining in.
        var recurring = App.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(StayInTouchDigestDispatcher.RecurringJobId);
        recurring.RemoveIfExists(Web.Features.Jobs.ExpiredInvitationSweep.RecurringJobId);
    }

    [Fact]
    public async Task A_mail_server_refusing_the_first_attempts_makes_hangfire_retry_the_email_job_with_growing_delays_and_each_mail_goes_out_once()
    {
        var (tenant, _) = await App.CreateTenantAsync("alpha");
        var ann = await UserWithDueContactAsync(tenant, "ann@alpha.test");
        var bob = await UserWithDueContactAsync(tenant, "bob@alpha.test");
        // Run 1: both mails refused (421, 451). Run 2: one refused (421), one sent. Run 3: the last one sent.
        _smtp.Plan(SmtpSession.RefuseAtGreeting, SmtpSession.RefuseMessage, SmtpSession.RefuseAtGreeting);

        var clock = Stopwatch.StartNew();
        EnqueueDigest(tenant);
        var jobId = await Storage.EmailJobOfAsync(tenant.Id, Patience); // the digest job hands the mails to it
        await WaitForStateAsync(jobId, SucceededState.StateName);
        var done = clock.Elapsed;

        var history = Storage.GetMonitoringApi().JobDetails(jobId).History.AsEnumerable().Reverse().ToList(); // oldest first
        Assert.Equal(
            [
                EnqueuedState.StateName, ProcessingState.StateName, FailedState.StateName, ScheduledState.StateName,
                EnqueuedState.StateName, ProcessingState.StateName, FailedState.StateName, ScheduledState.StateName,
                EnqueuedState.StateName, ProcessingState.StateName, SucceededState.StateName,
            ],
            history.Select(h => h.StateName).ToList());
        var retries = history.Where(h => h.StateName == ScheduledState.StateName).ToList();
        Assert.Equal(["Retry attempt 1 of 3", "Retry attempt 2 of 3"], retries.Select(r => r.Reason[..r.Reason.IndexOf(':', StringComparison.Ordinal)]).ToList());
        var delays = retries.Select(r => JobHelper.DeserializeDateTime(r.Data["EnqueueAt"]) - JobHelper.DeserializeDateTime(r.Data["ScheduledAt"])).ToList();
        Assert.Equal(RetryDelaySeconds[..2], delays.Select(d => (int)Math.Round(d.TotalSeconds)).ToArray());
        Assert.All(history.Where(h => h.StateName == FailedState.StateName),
            f => Assert.Contains("digest emails of tenant", f.Data["ExceptionMessage"], StringComparison.Ordinal));

        // One notification each, whatever the retries; each mail taken once; nothing left unsent.
        Assert.Equal(2, await CountDigestNotificationsAsync(tenant));
        Assert.Equal([ann.Email!, bob.Email!], _smtp.Delivered.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(5, _smtp.Sessions);
        Assert.Equal(3, _smtp.Refused);
        Assert.All(await EmailsSentAtAsync(tenant), sentAt => Assert.NotNull(sentAt));
        Assert.Equal(0, Storage.GetMonitoringApi().ScheduledCount());
        Assert.Equal(0, Storage.GetMonitoringApi().FailedCount());
        output.WriteLine(
            $"3 refusals, retries after {string.Join(" s and ", delays.Select(d => $"{d.TotalSeconds:0}"))} s: job succeeded on attempt 3 " +
            $"{done.TotalSeconds:0.0} s after it was enqueued (schedule polled every second)");
    }

    [Fact]
    public async Task A_user_erased_between_the_digest_and_its_mail_gets_no_mail_and_the_job_ends_cleanly_with_nothing_left_to_retry()
    {
        var (tenant, _) = await App.CreateTenantAsync("alpha");
        var ann = await UserWithDueContactAsync(tenant, "ann@alpha.test");
        var bob = await UserWithDueContactAsync(tenant, "bob@alpha.test");
        _smtp.Plan(SmtpSession.StallBeforeAccepting);
        EnqueueDigest(tenant);
        var jobId = await Storage.EmailJobOfAsync(tenant.Id, Patience);

        // Both digests are made, the first mail is on the wire: erase the other user now.
        var first = Assert.Single(await _smtp.WaitForStallAsync(Patience));
        var (kept, erased) = first == ann.Email ? (ann, bob) : (bob, ann);
        Assert.Equal(2, await CountDigestNotificationsAsync(tenant));
        await EraseUserAsync(tenant, erased.Id);
        _smtp.Release();
        await WaitForStateAsync(jobId, SucceededState.StateName);

        Assert.DoesNotContain(Storage.GetMonitoringApi().JobDetails(jobId).History,
            h => h.StateName == FailedState.StateName || h.StateName == ScheduledState.StateName);
        Assert.Equal(0, Storage.GetMonitoringApi().ScheduledCount());
        Assert.Equal(0, Storage.GetMonitoringApi().FailedCount());
        var mail = Assert.Single(_smtp.Delivered);
        Assert.Equal([kept.Email!], mail.Recipients);
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        Assert.NotNull(Assert.Single(await EmailsSentAtAsync(tenant)));

        // The next run of the tenant finds nothing to make and nothing to send.
        var again = EnqueueDigest(tenant);
        await WaitForStateAsync(again, SucceededState.StateName);
        Assert.Single(_smtp.Delivered);
        Assert.Equal(1, _smtp.Sessions); // the erased user's mail was never even attempted
    }

    private async Task<AppUser> UserWithDueContactAsync(Tenant tenant, string email)
    {
        var user = await App.CreateUserAsync(tenant, email);
        var contact = await App.CreateContactAsync(tenant, user.Id, "Due", email);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == contact.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, new DateOnly(2026, 1, 9))));
        return user;
    }

    /// <summary>An admin erasing a person for good: their contacts, then the user (notifications, digest rows and settings cascade).</summary>
    private Task<int> EraseUserAsync(Tenant tenant, Guid userId) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Contacts.Where(c => c.OwnerId == userId).ExecuteDeleteAsync();
            return await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync();
        });

    private string EnqueueDigest(Tenant tenant) =>
        App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<StayInTouchDigestJob>(j => j.RunAsync(tenant.Id, CancellationToken.None));

    private async Task WaitForStateAsync(string jobId, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        string Current() => Storage.GetMonitoringApi().JobDetails(jobId).History[0].StateName;
        while (Current() != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} is {Current()}, not {state}, after {Patience.TotalMinutes:0} minutes.");
            await Task.Delay(200);
        }
    }

    private Task<int> CountDigestNotificationsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.StayInTouchDigest));

    private Task<List<DateTimeOffset?>> EmailsSentAtAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.Select(d => d.EmailSentAt).ToListAsync());

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}

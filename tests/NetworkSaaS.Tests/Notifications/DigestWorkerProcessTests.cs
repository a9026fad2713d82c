using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
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
/// The digest job through real worker processes (`dotnet NetworkSaaS.Web.dll --role worker`, a separate OS process each)
/// on the test's PostgreSQL, mailing through an in-test SMTP server that can stall: a worker killed or stopped in the
/// middle of a job, and the next worker finishing it with exactly one notification and one email.
/// The test process itself runs the app in the web role: it enqueues jobs and reads the database, it runs no jobs.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class DigestWorkerProcessTests(PostgresCluster cluster, ITestOutputHelper output) : IntegrationTest(cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly FakeSmtpServer _smtp = new();

    private JobStorage Storage => App.Services.GetRequiredService<JobStorage>();

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_digest_leaves_it_to_the_next_worker_which_completes_it_once_with_one_notification_and_one_email()
    {
        var invisibility = TimeSpan.FromSeconds(10);
        var (tenant, admin) = await TenantWithDueDigestAsync();
        _smtp.Plan(SmtpSession.StallAtGreeting);
        await using var first = await StartWorkerAsync("A", invisibility);
        EnqueueDigest(tenant);
        var jobId = await Storage.EmailJobOfAsync(tenant.Id, Patience); // the digest job hands the mail to it

        // The notification and its idempotency row are committed; the job hangs on the mail server.
        await _smtp.WaitForStallAsync(Patience);
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        Assert.Null(await EmailSentAtAsync(tenant));
        Assert.Equal(ProcessingState.StateName, CurrentState(jobId));

        var clock = Stopwatch.StartNew();
        await first.KillAsync();

        // A killed worker cannot put its job back: it stays taken (invisible to other workers) and Processing.
        Assert.Contains(jobId, Storage.GetMonitoringApi().FetchedJobs("default", 0, 100).Select(j => j.Key));
        Assert.DoesNotContain(jobId, Storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100).Select(j => j.Key));
        Assert.Equal(ProcessingState.StateName, CurrentState(jobId));

        await using var second = await StartWorkerAsync("B", invisibility);
        var serving = clock.Elapsed;
        await WaitForStateAsync(jobId, SucceededState.StateName);
        var done = clock.Elapsed;

        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        var mail = Assert.Single(_smtp.Delivered);
        Assert.Equal([admin.Email!], mail.Recipients);
        Assert.NotNull(await EmailSentAtAsync(tenant));
        Assert.Equal([first.Id, second.Id], ProcessingWorkers(jobId, first, second));
        Assert.Equal(1, _smtp.Abandoned);
        output.WriteLine(
            $"SIGKILL → second worker serving {serving.TotalSeconds:0.0} s, → job succeeded {done.TotalSeconds:0.0} s " +
            $"(invisibility timeout {invisibility.TotalSeconds:0} s)");
    }

    [Fact]
    public async Task A_worker_stopped_with_sigterm_cancels_the_job_and_requeues_it_at_once_and_another_worker_completes_it_with_one_email()
    {
        // The production invisibility timeout (5 minutes) on purpose: the job must come back long before it passes.
        var (tenant, admin) = await TenantWithDueDigestAsync();
        _smtp.Plan(SmtpSession.StallAtGreeting);
        await using var first = await StartWorkerAsync("A");
        EnqueueDigest(tenant);
        var jobId = await Storage.EmailJobOfAsync(tenant.Id, Patience); // the digest job hands the mail to it
        await _smtp.WaitForStallAsync(Patience);
        await using var second = await StartWorkerAsync("B");
        Assert.Equal(ProcessingState.StateName, CurrentState(jobId));

        var clock = Stopwatch.StartNew();
        await first.TerminateAsync();
        await first.WaitForExitAsync();
        var exited = clock.Elapsed;
        await WaitForStateAsync(jobId, SucceededState.StateName); // gives up after 2 minutes, before the 5-minute timeout
        var done = clock.Elapsed;

        // The job's token cancelled the stalled SMTP connection, and the stopping worker put the job back itself.
        Assert.Equal(1, _smtp.Abandoned);
        Assert.Contains(first.Output, l => l.Contains($"background job '{jobId}'. It will be re-queued", StringComparison.Ordinal));
        Assert.Equal([first.Id, second.Id], ProcessingWorkers(jobId, first, second));
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        var mail = Assert.Single(_smtp.Delivered);
        Assert.Equal([admin.Email!], mail.Recipients);
        Assert.NotNull(await EmailSentAtAsync(tenant));
        output.WriteLine(
            $"SIGTERM → worker exited {exited.TotalSeconds:0.0} s (exit code {first.ExitCode}), " +
            $"→ requeued job succeeded on the other worker {done.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_sigterm_during_the_mail_transfer_lets_the_transfer_finish_and_records_it_so_the_mail_is_never_sent_twice()
    {
        var (tenant, admin) = await TenantWithDueDigestAsync();
        _smtp.Plan(SmtpSession.StallBeforeAccepting);
        await using var first = await StartWorkerAsync("A");
        EnqueueDigest(tenant);
        var jobId = await Storage.EmailJobOfAsync(tenant.Id, Patience); // the digest job hands the mail to it
        Assert.Equal([admin.Email!], await _smtp.WaitForStallAsync(Patience)); // the server has the whole message

        var clock = Stopwatch.StartNew();
        await first.TerminateAsync();
        await first.WaitForOutputAsync("caught stopped signal"); // the job's token is cancelled now
        _smtp.Release();
        await first.WaitForExitAsync();
        var exited = clock.Elapsed;

        // Cancelling the transfer would have left the mail accepted but unrecorded, for a retry to send again.
        Assert.Equal(SucceededState.StateName, CurrentState(jobId));
        Assert.Equal([first.Id], ProcessingWorkers(jobId, first));
        Assert.Single(_smtp.Delivered);
        Assert.Equal(0, _smtp.Abandoned);
        Assert.NotNull(await EmailSentAtAsync(tenant));
        Assert.Equal(1, await CountDigestNotificationsAsync(tenant));
        output.WriteLine($"SIGTERM during the transfer → transfer finished, job succeeded, worker exited {exited.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Starts a worker process and waits until its Hangfire server runs. The recurring jobs it declares on start are
    /// removed again, so that only the jobs a test enqueues run (no quarter-hour dispatcher joining in at :00, :15…).
    /// </summary>
    private async Task<WorkerProcess> StartWorkerAsync(string name, TimeSpan? invisibilityTimeout = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Timeout"] = "00:05:00", // a stall lasts as long as the test wants, never times out
            // The server's "caught stopped signal" line: the moment it cancels its running jobs' tokens.
            ["Logging:LogLevel:Hangfire.Server.BackgroundServerProcess"] = "Information",
            ["Email:Smtp:AllowUnencryptedRelay"] = "true", // FakeSmtpServer speaks plain SMTP
        };
        if (invisibilityTimeout is { } timeout)
        {
            settings["Jobs:InvisibilityTimeout"] = timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        var worker = WorkerProcess.Start(name, App.Connections, settings, output);
        try
        {
            await worker.WaitUntilServingAsync(Storage);
            var deadline = DateTime.UtcNow + Patience;
            using var connection = Storage.GetConnection();
            while (!connection.GetRecurringJobs().Any(j => j.Id == StayInTouchDigestDispatcher.RecurringJobId))
            {
                Assert.True(DateTime.UtcNow < deadline, $"Worker {name} declared no recurring jobs.");
                await Task.Delay(100);
            }
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        var recurring = App.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(StayInTouchDigestDispatcher.RecurringJobId);
        recurring.RemoveIfExists(Web.Features.Jobs.ExpiredInvitationSweep.RecurringJobId);
        return worker;
    }

    /// <summary>
    /// A company with one user whose daily digest is due at any hour (settings: from 00:00) with one due contact. Its
    /// time zone is London, or Tokyo when London is near midnight, so the real clock never crosses into the next local
    /// day (a second digest) during the test.
    /// </summary>
    private async Task<(Tenant Tenant, AppUser Admin)> TenantWithDueDigestAsync()
    {
        var londonHour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour;
        var (tenant, admin) = await App.CreateTenantAsync("alpha", culture: londonHour is >= 2 and <= 21 ? "en" : "ja");
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Due", "Person");
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, new DateOnly(2020, 1, 1)));
            db.NotificationSettings.Add(new NotificationSettings { UserId = admin.Id, DigestFrequency = DigestFrequency.Daily, DigestHour = 0 });
            return await db.SaveChangesAsync();
        });
        return (tenant, admin);
    }

    private string EnqueueDigest(Tenant tenant) =>
        App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<StayInTouchDigestJob>(j => j.RunAsync(tenant.Id, CancellationToken.None));

    private string CurrentState(string jobId) => Storage.GetMonitoringApi().JobDetails(jobId).History[0].StateName;

    private async Task WaitForStateAsync(string jobId, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (CurrentState(jobId) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} is {CurrentState(jobId)}, not {state}, after {Patience.TotalMinutes:0} minutes.");
            await Task.Delay(200);
        }
    }

    /// <summary>The processes that took the job, in order (from the server ids of its Processing states).</summary>
    private List<int> ProcessingWorkers(string jobId, params WorkerProcess[] workers) =>
        [.. Storage.GetMonitoringApi().JobDetails(jobId).History
            .Where(h => h.StateName == ProcessingState.StateName)
            .Reverse()
            .Select(h => workers.Single(w => h.Data["ServerId"].Contains($":{w.Id}:", StringComparison.Ordinal)).Id)];

    private Task<int> CountDigestNotificationsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == NotificationKinds.StayInTouchDigest));

    private Task<DateTimeOffset?> EmailSentAtAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().DigestDeliveries.Select(d => d.EmailSentAt).SingleAsync());

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}

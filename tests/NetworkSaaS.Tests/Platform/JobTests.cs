using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Jobs;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Platform;

/// <summary>The worker role: a real Hangfire server on PostgreSQL runs the tenant jobs end to end.</summary>
public sealed class JobTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    [Fact]
    public async Task The_hourly_sweep_removes_each_tenants_expired_invitations_once_and_audits_them()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo");
        await AddInvitationAsync(alpha, adminA, "late@alpha.test", expiresIn: TimeSpan.FromHours(-2));
        await AddInvitationAsync(alpha, adminA, "fresh@alpha.test", expiresIn: TimeSpan.FromDays(3));
        await AddInvitationAsync(bravo, adminB, "late@bravo.test", expiresIn: TimeSpan.FromMinutes(-5));

        var recurring = App.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs();
        Assert.Contains(recurring, j => j.Id == ExpiredInvitationSweep.RecurringJobId);

        App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ExpiredInvitationSweep>(j => j.EnqueueForAllTenantsAsync());
        await WaitUntilAsync(async () => await CountInvitationsAsync(alpha) == 1 && await CountInvitationsAsync(bravo) == 0);
        await WaitUntilAsync(async () => App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededListCount() >= 5);

        var remaining = await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().Invitations.Select(i => i.Email).SingleAsync());
        Assert.Equal("fresh@alpha.test", remaining);
        var audited = await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.InvitationExpired).Select(a => a.Subject).ToListAsync());
        Assert.Equal(["late@alpha.test"], audited);

        // Running the tenant job again (a retry) changes nothing.
        var again = await App.InTenantAsync(alpha, sp => ActivatorUtilities.CreateInstance<ExpiredInvitationCleanupJob>(sp).RunAsync(alpha.Id, CancellationToken.None));
        Assert.Equal(0, again);
    }

    [Fact]
    public void Without_settings_jobs_use_the_production_timeouts_and_retry_delays_and_a_job_with_its_own_retry_attribute_keeps_it()
    {
        var options = App.Services.GetRequiredService<JobsOptions>();
        Assert.Equal(TimeSpan.FromMinutes(5), options.InvisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.SchedulePollingInterval);

        var filters = App.Services.GetRequiredService<IJobFilterProvider>();
        AutomaticRetryAttribute RetryOf(Job job) => Assert.Single(filters.GetFilters(job).Select(f => f.Instance).OfType<AutomaticRetryAttribute>());
        var digest = RetryOf(Job.FromExpression<Web.Features.Notifications.StayInTouchDigestJob>(j => j.RunAsync(Guid.Empty, CancellationToken.None)));
        Assert.Equal(3, digest.Attempts);
        Assert.Equal([60, 300, 900], digest.DelaysInSeconds);
        Assert.Equal(AttemptsExceededAction.Fail, digest.OnAttemptsExceeded);
        var import = RetryOf(Job.FromExpression<Web.Features.Contacts.Import.ImportContactsJob>(j => j.RunAsync(Guid.Empty, Guid.Empty, CancellationToken.None)));
        Assert.Equal(3, import.Attempts);
        Assert.Null(import.DelaysInSeconds); // Hangfire's own back-off, as the job declares
    }

    [Fact]
    public async Task A_job_for_a_deleted_tenant_ends_cleanly_without_touching_other_tenants()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (doomed, _) = await App.CreateTenantAsync("doomed");
        await AddInvitationAsync(alpha, adminA, "late@alpha.test", expiresIn: TimeSpan.FromHours(-1));
        await DeleteTenantAsSuperuserAsync(doomed.Id);

        var jobId = App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<ExpiredInvitationCleanupJob>(j => j.RunAsync(doomed.Id, CancellationToken.None));
        await WaitUntilAsync(() => Task.FromResult(App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId).History[0].StateName == "Succeeded"));
        Assert.Equal(1, await CountInvitationsAsync(alpha));
    }

    [Fact]
    public async Task The_worker_role_serves_no_pages_but_answers_health_checks()
    {
        await App.CreateTenantAsync("alpha");
        var client = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void Every_tenant_job_takes_the_tenant_as_an_explicit_guid_argument()
    {
        var jobs = typeof(ITenantJob).Assembly.GetTypes().Where(t => typeof(ITenantJob).IsAssignableFrom(t) && t.IsClass).ToList();
        Assert.NotEmpty(jobs);
        foreach (var method in jobs.SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)))
        {
            Assert.Contains(method.GetParameters(), p => p.Name == TenantJobActivator.TenantIdParameter && p.ParameterType == typeof(Guid));
            Assert.All(method.GetParameters(), p => Assert.True(
                p.ParameterType == typeof(Guid) || p.ParameterType == typeof(CancellationToken) || p.ParameterType.IsPrimitive || p.ParameterType.IsEnum,
                $"{method.DeclaringType!.Name}.{method.Name}({p.Name}): job arguments carry ids, never personal data"));
        }
    }

    private Task<int> CountInvitationsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Invitations.CountAsync());

    private Task<int> AddInvitationAsync(ITenantInfo tenant, AppUser admin, string email, TimeSpan expiresIn) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Invitations.Add(new Invitation
            {
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                TokenHash = InvitationTokens.Hash(InvitationTokens.NewToken()),
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-7),
                ExpiresAt = DateTimeOffset.UtcNow + expiresIn,
                InvitedByUserId = admin.Id,
            });
            return await db.SaveChangesAsync();
        });
}

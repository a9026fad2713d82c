using System.Net;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Tenancy;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>The forgot-password page enqueues the same job for a known and an unknown email; the job mails the known one.</summary>
public sealed class ForgotPasswordTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "all" };

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer_and_job_and_only_the_known_one_gets_the_mail()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var known = await client.PostFormAsync("/acme/account/forgot-password", new() { ["Email"] = admin.Email! });
        var unknown = await client.PostFormAsync("/acme/account/forgot-password", new() { ["Email"] = "nobody@acme.test" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        static string Shape(string body, string email) => System.Text.RegularExpressions.Regex.Replace(body.Replace(email, "", StringComparison.Ordinal), "value=\"[^\"]*\"", "");
        Assert.Equal(Shape(await known.Content.ReadAsStringAsync(), admin.Email!), Shape(await unknown.Content.ReadAsStringAsync(), "nobody@acme.test"));

        var monitoring = App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(() => Task.FromResult(monitoring.SucceededJobs(0, 100).Count(j => j.Value.Job?.Type == typeof(PasswordResetMailJob)) == 2));
        var mail = Assert.Single(App.Mails());
        Assert.Equal(admin.Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("http://localhost:5080/acme/account/reset-password?userId=", mail.TextBody, StringComparison.Ordinal);
        var audited = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.PasswordResetRequested).Select(a => a.Subject).ToListAsync());
        Assert.Equal([admin.Email!], audited);
    }
}

/// <summary>For tests on the web role (no Hangfire server): performs the enqueued password-reset mail jobs in place.</summary>
public static class PasswordResetJobs
{
    public static async Task RunEnqueuedAsync(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<JobStorage>();
        foreach (var (id, job) in storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100).Select(j => (j.Key, j.Value.Job)))
        {
            if (job?.Type != typeof(PasswordResetMailJob))
            {
                continue;
            }

            var (tenantId, userId) = ((Guid)job.Args[0], (Guid)job.Args[1]);
            var tenant = await app.Services.GetRequiredService<TenantStore>().FindByIdAsync(tenantId);
            await app.InTenantAsync(tenant!, sp => ActivatorUtilities.CreateInstance<PasswordResetMailJob>(sp).RunAsync(tenantId, userId, CancellationToken.None));
            app.Services.GetRequiredService<IBackgroundJobClient>().ChangeState(id, new SucceededState(null, 0, 0));
        }
    }
}

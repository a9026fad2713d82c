using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Handover;
using static NetworkSaaS.Tests.Infrastructure.Eventually;

namespace NetworkSaaS.Tests.Handover;

/// <summary>The daily deletion of leavers' undecided Private contacts through a real Hangfire worker, per tenant, as the app role.</summary>
public sealed class LeaverContactDeletionWorkerTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "worker" };

    private async Task<Guid> LeaverWithPrivateContactAsync(Tenant tenant, int daysAgo)
    {
        var leaver = await App.CreateUserAsync(tenant, $"leaver@{tenant.Slug}.test");
        var contact = await App.CreateContactAsync(tenant, leaver.Id, "Private", "Person", "Globex");
        await App.InTenantAsync(tenant, async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(leaver.Id.ToString()))!;
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync(user, null, CancellationToken.None);
            var db = sp.GetRequiredService<AppDbContext>();
            return await db.LeaverHandovers.ExecuteUpdateAsync(s => s.SetProperty(h => h.StartedAt, DateTimeOffset.UtcNow.AddDays(-daysAgo)));
        });
        return contact.Id;
    }

    private Task<int> DeletionAuditsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.LeaverContactsDeleted));

    private Task<bool> ExistsAsync(ITenantInfo tenant, Guid contactId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AnyAsync(c => c.Id == contactId));

    [Fact]
    public async Task The_daily_sweep_deletes_each_due_tenants_undecided_private_contacts_once()
    {
        var (due, _) = await App.CreateTenantAsync("due");
        var (recent, _) = await App.CreateTenantAsync("recent");
        var dueContact = await LeaverWithPrivateContactAsync(due, daysAgo: 31);
        var recentContact = await LeaverWithPrivateContactAsync(recent, daysAgo: 29);

        var storage = App.Services.GetRequiredService<JobStorage>();
        var recurring = Assert.Single(storage.GetConnection().GetRecurringJobs(), j => j.Id == LeaverContactDeletionSweep.RecurringJobId);
        Assert.Equal(LeaverContactDeletionSweep.Schedule, recurring.Cron);

        var jobs = App.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<LeaverContactDeletionSweep>(j => j.EnqueueForAllTenantsAsync());
        await WaitUntilAsync(async () => await DeletionAuditsAsync(due) == 1);
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 3));
        jobs.Enqueue<LeaverContactDeletionSweep>(j => j.EnqueueForAllTenantsAsync()); // the next day's run, or a retry
        await WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 6));

        Assert.Equal(0, storage.GetMonitoringApi().FailedCount());
        Assert.False(await ExistsAsync(due, dueContact));
        Assert.True(await ExistsAsync(recent, recentContact));
        Assert.Equal(1, await DeletionAuditsAsync(due));
        Assert.Equal(0, await DeletionAuditsAsync(recent));
    }
}

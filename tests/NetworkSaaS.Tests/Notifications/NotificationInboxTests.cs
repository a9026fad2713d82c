using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>The notifications page: "mark all read" marks the reader's own notifications, nobody else's.</summary>
public sealed class NotificationInboxTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Mark_all_read_marks_only_the_readers_own_notifications()
    {
        var (tenant, admin) = await App.CreateTenantAsync("alpha");
        var colleague = await App.CreateUserAsync(tenant, "colleague@alpha.test");
        var (bravo, bravoAdmin) = await App.CreateTenantAsync("bravo");
        await NotifyAsync(tenant, admin.Id, admin.Id, colleague.Id);
        await NotifyAsync(bravo, bravoAdmin.Id);
        var client = await App.SignInAsync("alpha", admin.Email!);
        Assert.Contains("2 unread", await client.GetStringAsync("/alpha/notifications"), StringComparison.Ordinal);

        var read = await client.PostFormAsync("/alpha/notifications?handler=ReadAll", [], "/alpha/notifications", expect: HttpStatusCode.Redirect);
        Assert.Equal("/alpha/notifications", read.Headers.Location!.OriginalString);
        Assert.Contains("0 unread", await client.GetStringAsync("/alpha/notifications"), StringComparison.Ordinal);
        Assert.Equal(0, await UnreadAsync(tenant, admin.Id));
        Assert.Equal(1, await UnreadAsync(tenant, colleague.Id));
        Assert.Equal(1, await UnreadAsync(bravo, bravoAdmin.Id));
    }

    private Task<int> NotifyAsync(ITenantInfo tenant, params Guid[] users) => App.InTenantAsync(tenant, async sp =>
    {
        var center = sp.GetRequiredService<NotificationCenter>();
        foreach (var user in users)
        {
            center.Notify(user, NotificationKinds.TransferSeason);
        }

        return await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
    });

    private Task<int> UnreadAsync(ITenantInfo tenant, Guid user) => App.InTenantAsync(tenant, sp =>
        sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.UserId == user && n.ReadAt == null));
}

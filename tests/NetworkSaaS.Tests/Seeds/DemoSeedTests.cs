using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Seeds;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Seeds;

public sealed class DemoSeedTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Demo_seeds_are_idempotent_and_give_every_role_a_documented_login()
    {
        var seeder = new DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Development");
        await seeder.SeedAsync();
        var first = await CountsAsync();
        var introductions = await IntroductionCountsAsync();
        await seeder.SeedAsync();
        Assert.Equal(first, await CountsAsync());
        Assert.Equal(introductions, await IntroductionCountsAsync());
        Assert.All(introductions, counts => Assert.True(counts.Requests > 0 && counts.Asks > 0 && counts.Events > counts.Requests && counts.Notifications > 0));

        foreach (var login in DemoSeeder.DemoLogins)
        {
            var client = await App.SignInAsync(login.TenantSlug, login.Email, DemoSeeder.DemoPassword);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/{login.TenantSlug}/")).StatusCode);
        }

        foreach (var tenant in DemoSeeder.Tenants)
        {
            Assert.All(Roles.All, role => Assert.Contains(DemoSeeder.DemoLogins, l => l.TenantSlug == tenant.Slug && l.Role == role && l.Email == $"{role.ToLowerInvariant()}@{tenant.Slug}.example"));
        }

        var sakura = await App.InTenantAsync(DemoTenantInfo("sakura"), async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return new
            {
                Contacts = await db.Contacts.CountAsync(),
                Visibilities = await db.Contacts.Select(c => c.Visibility).Distinct().CountAsync(),
                Depths = await db.Contacts.Select(c => c.Depth).Distinct().CountAsync(),
                Channels = await db.Contacts.Select(c => c.Channel).Distinct().CountAsync(),
                WithKana = await db.Contacts.CountAsync(c => c.FamilyNameKana != null),
                Interactions = await db.Interactions.CountAsync(),
            };
        });
        Assert.InRange(sakura.Contacts, 250, 500);
        Assert.Equal(3, sakura.Visibilities);
        Assert.Equal(5, sakura.Depths);
        Assert.True(sakura.Channels >= 6);
        Assert.True(sakura.WithKana > sakura.Contacts / 2);
        Assert.True(sakura.Interactions > sakura.Contacts / 2);

        var sakuraManager = await App.SignInAsync("sakura", "manager@sakura.example", DemoSeeder.DemoPassword);
        Assert.Contains("id=\"contacts\"", await sakuraManager.GetStringAsync("/sakura/contacts"), StringComparison.Ordinal);
        var home = await sakuraManager.GetStringAsync("/sakura/");
        Assert.Contains("高橋 直子", home, StringComparison.Ordinal);
        Assert.Contains("営業部", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_seeds_give_each_tenant_asks_and_introductions_in_every_state_and_outcome_through_the_workflow()
    {
        var before = DateTimeOffset.UtcNow;
        await new DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Development").SeedAsync();
        var after = DateTimeOffset.UtcNow;

        foreach (var demo in DemoSeeder.Tenants)
        {
            var data = await App.InTenantAsync(DemoTenantInfo(demo.Slug), async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                var requests = await db.IntroductionRequests.AsNoTracking().ToListAsync();
                var contactIds = requests.Select(r => r.ContactId).ToList();
                return new
                {
                    Requests = requests,
                    Events = (await db.IntroductionEvents.AsNoTracking().ToListAsync()).ToLookup(e => e.RequestId),
                    Notifications = await db.Notifications.AsNoTracking().ToListAsync(),
                    Asks = await db.Asks.AsNoTracking().ToListAsync(),
                    Contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id),
                    Users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id),
                };
            });
            var requests = data.Requests;
            var hr = data.Users.Values.Single(u => u.Email == $"hr@{demo.Slug}.example");

            // Asks: sales asks at companies of the network, hiring and advisor asks, positions by HR, one closed.
            Assert.InRange(data.Asks.Count, 6, 10);
            Assert.All(Enum.GetValues<IntroductionPurpose>(), purpose => Assert.Contains(data.Asks, a => a.Purpose == purpose && !a.IsPosition));
            Assert.Contains(data.Asks, a => a is { Purpose: IntroductionPurpose.SalesLead, OrganizationId: not null, CompanyName: not null });
            var positions = data.Asks.Where(a => a.IsPosition).ToList();
            Assert.InRange(positions.Count, 2, 3);
            Assert.All(positions, p =>
            {
                Assert.Equal(hr.Id, p.AuthorId);
                Assert.Equal(IntroductionPurpose.ReferralHire, p.Purpose);
                Assert.NotNull(p.DepartmentId);
                Assert.False(string.IsNullOrWhiteSpace(p.RewardNote));
            });
            var closed = Assert.Single(data.Asks, a => a.State == AskState.Closed);
            Assert.True(closed.ClosedAt > closed.CreatedAt);

            // Every state (no deactivated demo user, so no ConnectorInactive) and every outcome of every purpose.
            Assert.InRange(requests.Count, 25, 40);
            IntroductionState[] states = [IntroductionState.Requested, IntroductionState.Accepted, IntroductionState.Introduced, IntroductionState.Declined, IntroductionState.Withdrawn];
            Assert.All(states, state => Assert.Contains(requests, r => r.State == state));
            Assert.All(requests.Where(r => r.State == IntroductionState.Declined), r => Assert.False(string.IsNullOrWhiteSpace(r.DeclineReason)));
            foreach (var purpose in Enum.GetValues<IntroductionPurpose>())
            {
                Assert.All(IntroductionStateMachine.Stages(purpose), outcome =>
                    Assert.Contains(requests, r => r.Purpose == purpose && r.State == IntroductionState.Introduced && r.Outcome == outcome));
                Assert.Contains(requests, r => r.Purpose == purpose && r.State != IntroductionState.Introduced);
            }

            Assert.All(requests.Where(r => r.Outcome == IntroductionOutcome.Won), r => Assert.True(r.WonAmount > 0 && r.WonCurrency is "JPY" or "USD"));
            Assert.Equal(["JPY", "USD"], requests.Where(r => r.Outcome == IntroductionOutcome.Won).Select(r => r.WonCurrency!).Distinct().Order());
            Assert.All(requests.Where(r => r.Outcome == IntroductionOutcome.Hired), r => Assert.NotNull(r.HireStartOn));
            Assert.Contains(requests, r => r.State == IntroductionState.Introduced && positions.Any(p => p.Id == r.AskId));
            Assert.Contains(requests, r => r.Outcome == IntroductionOutcome.Hired && positions.Any(p => p.Id == r.AskId));
            Assert.True(requests.Count(r => data.Events[r.Id].Any(e => e.Kind == IntroductionEventKind.Message)) >= 3);
            Assert.Contains(requests, r => data.Events[r.Id].Any(e => e.Kind == IntroductionEventKind.Offered));

            // Spread over people, departments and the last twelve months.
            Assert.True(requests.Select(r => r.RequesterId).Distinct().Count() >= 6);
            Assert.True(requests.Select(r => r.ConnectorId).Distinct().Count() >= 6);
            Assert.Equal(demo.Departments.Count, requests.SelectMany(r => new[] { r.RequesterId, r.ConnectorId }).Select(u => data.Users[u].DepartmentId).Distinct().Count());
            for (var quarter = 0; quarter < 4; quarter++)
            {
                var (from, to) = (after.AddDays(-91 * (quarter + 1)), after.AddDays(-91 * quarter));
                Assert.True(requests.Count(r => r.CreatedAt >= from && r.CreatedAt < to) >= 3, $"{demo.Slug}: too few requests in quarter {quarter}");
            }

            foreach (var r in requests)
            {
                // Only non-Private contacts of the connector, never the requester's own.
                var contact = data.Contacts[Assert.NotNull(r.ContactId)];
                Assert.NotEqual(ContactVisibility.Private, contact.Visibility);
                Assert.Equal(r.ConnectorId, contact.OwnerId);
                Assert.NotEqual(r.RequesterId, r.ConnectorId);

                // One monotonic timeline, backdated, ending before the seeding.
                DateTimeOffset?[] milestones = [r.CreatedAt, r.RespondedAt, r.IntroducedAt, r.OutcomeUpdatedAt];
                var set = milestones.Where(m => m is not null).ToList();
                Assert.Equal(set.Order(), set);
                Assert.True(r.UpdatedAt < before, $"{demo.Slug}: request {r.Id} ends at {r.UpdatedAt:O}");
                Assert.True(r.ClosedAt is null || (r.ClosedAt >= r.CreatedAt && r.ClosedAt >= (r.RespondedAt ?? r.CreatedAt)));
                var events = data.Events[r.Id].OrderBy(e => e.At).ToList();
                Assert.Equal(r.CreatedAt, events[0].At);
                Assert.Equal(r.UpdatedAt, events[^1].At);
                Assert.Equal(events.Count, events.Select(e => e.At).Distinct().Count());
                Assert.Equal(r.State, events.Last(e => e.Kind != IntroductionEventKind.Message && e.Kind != IntroductionEventKind.OutcomeRecorded).State);
                if (r.IntroducedAt is { } introducedAt)
                {
                    Assert.Equal(introducedAt, events.Single(e => e.Kind == IntroductionEventKind.ConsentConfirmed).At);
                    Assert.True(r.ConsentOn >= DateOnly.FromDateTime(r.CreatedAt.UtcDateTime).AddDays(-1));
                }

                if (r.AskId is { } askId)
                {
                    var ask = data.Asks.Single(a => a.Id == askId);
                    Assert.True(ask.CreatedAt < r.CreatedAt && (ask.ClosedAt is null || ask.ClosedAt > r.CreatedAt));
                }

                var notified = data.Notifications.Where(n => n.IntroductionId == r.Id).ToList();
                Assert.Equal(events.Count, notified.Count);
                Assert.All(notified, n => Assert.Contains(events, e => e.At == n.CreatedAt));
            }

            Assert.All(data.Notifications.Where(n => n.CreatedAt < after.AddDays(-30)), n => Assert.True(n.ReadAt > n.CreatedAt));
            Assert.Contains(data.Notifications, n => n.ReadAt is null);
        }
    }

    [Fact]
    public async Task Demo_seeds_refuse_to_run_outside_development()
    {
        var seeder = new DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Production");
        await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync());
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.CountAsync());
    }

    private NetworkSaaS.Core.Features.Tenancy.ITenantInfo DemoTenantInfo(string slug)
    {
        using var scope = App.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().Single(t => t.Slug == slug);
    }

    private async Task<List<(int Asks, int Requests, int Events, int Notifications)>> IntroductionCountsAsync()
    {
        var counts = new List<(int Asks, int Requests, int Events, int Notifications)>();
        foreach (var demo in DemoSeeder.Tenants)
        {
            counts.Add(await App.InTenantAsync(DemoTenantInfo(demo.Slug), async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                return (await db.Asks.CountAsync(), await db.IntroductionRequests.CountAsync(), await db.IntroductionEvents.CountAsync(), await db.Notifications.CountAsync());
            }));
        }

        return counts;
    }

    private async Task<(int Tenants, int SakuraUsers, int SakuraDepartments, int NorthwindUsers, int SakuraContacts)> CountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenants = await db.Tenants.AsNoTracking().ToListAsync();
        var sakura = tenants.Single(t => t.Slug == "sakura");
        var northwind = tenants.Single(t => t.Slug == "northwind");
        var sakuraCounts = await App.InTenantAsync(sakura, async sp =>
        {
            var tdb = sp.GetRequiredService<AppDbContext>();
            return (await tdb.Users.CountAsync(), await tdb.Departments.CountAsync(), await tdb.Contacts.CountAsync());
        });
        var northwindUsers = await App.InTenantAsync(northwind, sp => sp.GetRequiredService<UserManager<AppUser>>().Users.CountAsync());
        return (tenants.Count, sakuraCounts.Item1, sakuraCounts.Item2, northwindUsers, sakuraCounts.Item3);
    }
}

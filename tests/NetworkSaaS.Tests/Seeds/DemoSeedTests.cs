using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Seeds;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Seeds;

public sealed class DemoSeedTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Demo_seeds_are_idempotent_and_give_every_role_a_documented_login()
    {
        var seeder = new DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Development");
        await seeder.SeedAsync();
        var first = await CountsAsync();
        await seeder.SeedAsync();
        Assert.Equal(first, await CountsAsync());

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

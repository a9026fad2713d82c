using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>Turning campaigns on and off, and where users find them.</summary>
public sealed class CampaignSettingsTests(PostgresCluster cluster)
    : CampaignTest(cluster, new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Japanese_companies_start_with_every_campaign_on_others_with_none_and_only_an_admin_switches_them()
    {
        var (sakura, _) = await App.CreateTenantAsync("sakura", culture: "ja");
        var (acme, acmeAdmin) = await App.CreateTenantAsync("acme", culture: "en");
        Assert.True(sakura.NewYearGreetingsEnabled && sakura.SummerGreetingsEnabled && sakura.TransferSeasonCheckEnabled);
        Assert.False(acme.NewYearGreetingsEnabled || acme.SummerGreetingsEnabled || acme.TransferSeasonCheckEnabled);

        var admin = await App.SignInAsync("acme", acmeAdmin.Email!);
        var settings = await admin.GetStringAsync("/acme/admin/settings");
        Assert.Contains("Seasonal campaigns", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("checked=\"checked\"", settings[settings.IndexOf("id=\"campaign-settings\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var saved = await admin.PostFormAsync("/acme/admin/settings?handler=Campaigns",
            new() { ["Campaigns.NewYear"] = "true", ["Campaigns.TransferSeason"] = "true" }, "/acme/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The seasonal campaigns were saved.", await admin.GetStringAsync("/acme/admin/settings"), StringComparison.Ordinal);
        var stored = await App.InTenantAsync(acme, sp => sp.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == acme.Id));
        Assert.Equal((true, false, true), (stored.NewYearGreetingsEnabled, stored.SummerGreetingsEnabled, stored.TransferSeasonCheckEnabled));
        var audited = await App.InTenantAsync(acme, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.SettingsChanged).Select(a => a.Details).SingleAsync());
        Assert.Equal("campaigns: new-year off, summer off, transfer-season off → campaigns: new-year on, summer off, transfer-season on", audited);
        Assert.Contains("/acme/campaigns/new-year", await admin.GetStringAsync("/acme/"), StringComparison.Ordinal); // the cached company is refreshed at once

        var employee = await App.CreateUserAsync(acme, "employee@acme.test");
        var employeeClient = await App.SignInAsync("acme", employee.Email!);
        var refused = await employeeClient.PostFormAsync("/acme/admin/settings?handler=Campaigns", new() { ["Campaigns.Summer"] = "true" }, "/acme/", expect: HttpStatusCode.Forbidden);
        Assert.False((await App.InTenantAsync(acme, sp => sp.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == acme.Id))).SummerGreetingsEnabled);
    }

    [Fact]
    public async Task Home_and_contacts_link_to_a_campaign_only_while_it_is_open_and_turned_on()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", culture: "ja");
        await AddContactAsync(tenant, admin, "山田", "太郎", depth: 3);
        var client = await App.SignInAsync("sakura", admin.Email!);

        var home = await client.GetStringAsync("/sakura/");
        Assert.Contains("href=\"/sakura/campaigns/new-year\"", home, StringComparison.Ordinal);
        Assert.Contains("2027年の年賀状", home, StringComparison.Ordinal);
        Assert.Contains("2027-02-03まで", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/sakura/campaigns/summer", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/sakura/campaigns/transfers", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/sakura/campaigns/new-year\"", await client.GetStringAsync("/sakura/contacts"), StringComparison.Ordinal);

        var off = await client.PostFormAsync("/sakura/admin/settings?handler=Campaigns", new() { ["Campaigns.Summer"] = "true", ["Campaigns.TransferSeason"] = "true" }, "/sakura/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.DoesNotContain("/sakura/campaigns/", await client.GetStringAsync("/sakura/"), StringComparison.Ordinal);
        Assert.DoesNotContain("/sakura/campaigns/", await client.GetStringAsync("/sakura/contacts"), StringComparison.Ordinal);
        var page = await client.GetStringAsync("/sakura/campaigns/new-year");
        Assert.Contains("このキャンペーンは貴社では無効になっています。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("山田", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sakura/campaigns/new-year/csv")).StatusCode);

        // In October nothing is open yet; in April the transfer check is.
        Clock.UtcNow = new DateTimeOffset(2026, 10, 15, 3, 0, 0, TimeSpan.Zero);
        client = await App.SignInAsync("sakura", admin.Email!);
        Assert.DoesNotContain("/sakura/campaigns/", await client.GetStringAsync("/sakura/"), StringComparison.Ordinal);
        Clock.UtcNow = new DateTimeOffset(2027, 4, 2, 3, 0, 0, TimeSpan.Zero);
        client = await App.SignInAsync("sakura", admin.Email!);
        var april = await client.GetStringAsync("/sakura/");
        Assert.Contains("href=\"/sakura/campaigns/transfers\"", april, StringComparison.Ordinal);
        Assert.DoesNotContain("/sakura/campaigns/new-year", april, StringComparison.Ordinal);
    }
}

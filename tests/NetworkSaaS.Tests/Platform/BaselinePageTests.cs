using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Diagnostics;

namespace NetworkSaaS.Tests.Platform;

/// <summary>The benchmark's baseline page exists only where Diagnostics:BaselinePage switches it on.</summary>
public sealed class BaselinePageTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task The_baseline_page_answers_404_unless_switched_on_and_then_shows_only_the_readers_first_contact()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var colleague = await App.CreateUserAsync(tenant, "colleague@acme.test");
        await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex");
        await App.CreateContactAsync(tenant, colleague.Id, "Aoki", "Ren", "Initech");
        var client = await App.SignInAsync("acme", admin.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/acme/diagnostics/baseline")).StatusCode);

        using var switchedOn = App.WithWebHostBuilder(b => b.UseSetting(BaselineModel.SettingName, "true"));
        using var on = switchedOn.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await on.PostFormAsync("/acme/account/login", new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var page = await on.GetStringAsync("/acme/diagnostics/baseline");
        Assert.Contains("Daniel Okafor", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Aoki", page, StringComparison.Ordinal);
        using var anonymous = switchedOn.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/acme/diagnostics/baseline")).StatusCode);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

public sealed class SignupTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _kumoSlug = Slug("kumo");

    private Dictionary<string, string> Form(string slug, string password = "a-long-enough-secret") => new()
    {
        ["Input.CompanyName"] = "Kumo Logistics 株式会社",
        ["Input.Slug"] = slug,
        ["Input.DefaultCulture"] = "ja",
        ["Input.TimeZoneId"] = "Asia/Tokyo",
        ["Input.AdminName"] = "雲井 花子",
        ["Input.AdminNameKana"] = "くもい はなこ",
        ["Input.Email"] = $"hanako@{_kumoSlug}.example",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task Signing_up_creates_the_company_and_its_admin_who_lands_on_the_company_home()
    {
        var client = App.CreateBrowserlikeClient();
        var response = await client.PostFormAsync("/signup", Form(_kumoSlug));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/{_kumoSlug}/", response.Headers.Location!.OriginalString);

        var home = await client.GetAsync($"/{_kumoSlug}/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("雲井 花子", html, StringComparison.Ordinal);
        Assert.Contains("ようこそ", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{_kumoSlug}/admin")).StatusCode);

        await using var scope = App.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.SingleAsync(t => t.Slug == _kumoSlug);
        Assert.Equal(("Kumo Logistics 株式会社", "ja", "Asia/Tokyo"), (tenant.Name, tenant.DefaultCulture, tenant.TimeZoneId));
    }

    [Theory]
    [InlineData("ops", "予約")]
    [InlineData("signup", "予約")]
    [InlineData("healthz", "予約")]
    [InlineData("scim", "予約")]
    [InlineData("networksaas", "予約")]
    [InlineData("admin", "予約")]
    [InlineData("Bad Slug!", "小文字")]
    [InlineData("ab", "小文字")]
    public async Task Reserved_or_malformed_ids_are_refused_with_a_message(string slug, string expectedWord)
    {
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var response = await client.PostFormAsync("/signup", Form(slug), expect: HttpStatusCode.OK);
        Assert.Contains(expectedWord, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoTenantsAsync();
    }

    [Fact]
    public async Task A_taken_id_and_a_short_password_get_messages_and_create_nothing()
    {
        await App.CreateTenantAsync(_kumoSlug);
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var taken = await client.PostFormAsync("/signup", Form(_kumoSlug), expect: HttpStatusCode.OK);
        Assert.Contains("This ID is already taken", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var weak = await client.PostFormAsync("/signup", Form($"{_kumoSlug}-two", password: "short"), expect: HttpStatusCode.OK);
        Assert.Contains("Passwords must be at least 10 characters", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AnyAsync(t => t.Slug == $"{_kumoSlug}-two"));
    }

    private async Task AssertNoTenantsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.CountAsync());
    }
}

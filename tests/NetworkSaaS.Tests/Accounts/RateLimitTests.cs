using System.Net;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>Small limits set here; the production defaults are in RateLimitOptions.</summary>
public sealed class RateLimitTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:SignIn:PerAccount"] = "3",
        ["RateLimits:SignIn:PerAddress"] = "5",
        ["RateLimits:ForgotPassword:PerAccount"] = "10",
        ["RateLimits:ForgotPassword:PerAddress"] = "2",
        ["RateLimits:Mfa:PerAddress"] = "2",
    };

    private static Dictionary<string, string> Login(string email) => new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-1" };

    [Fact]
    public async Task After_n_sign_in_attempts_for_one_account_the_next_gets_a_localized_429_with_retry_after()
    {
        var (_, admin) = await App.CreateTenantAsync("acme", culture: "ja");
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var token = await client.AntiforgeryTokenAsync("/acme/account/login");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/login", Login(admin.Email!.ToUpperInvariant()), token)).StatusCode);
        }

        var refused = await client.PostFormWithTokenAsync("/acme/account/login", Login(admin.Email!), token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("試行回数が多すぎます", body, StringComparison.Ordinal);

        // Another account from the same address still gets through, until the per-address limit (5).
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/login", Login("other@acme.test"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostFormWithTokenAsync("/acme/account/login", Login("third@acme.test"), token)).StatusCode);
        // Looking at the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acme/account/login")).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_is_limited_per_address_whatever_the_email()
    {
        await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var token = await client.AntiforgeryTokenAsync("/acme/account/forgot-password");
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "a@acme.test" }, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "b@acme.test" }, token)).StatusCode);
        var refused = await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "c@acme.test" }, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_second_sign_in_step_is_limited_by_its_path()
    {
        await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/acme/account/login/mfa", new FormUrlEncodedContent([]))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/acme/account/login/mfa", new FormUrlEncodedContent([]))).StatusCode);
    }
}

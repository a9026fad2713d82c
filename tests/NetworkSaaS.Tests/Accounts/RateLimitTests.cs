using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>Small limits set here; the production defaults are in RateLimitOptions.</summary>
public sealed class RateLimitTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:SignIn:PerAccount"] = "3",
        ["RateLimits:SignIn:PerAddress"] = "50",
        ["RateLimits:ForgotPassword:PerAccount"] = "10",
        ["RateLimits:ForgotPassword:PerAddress"] = "2",
        ["RateLimits:Mfa:PerAddress"] = "2",
        ["RateLimits:SignUp:PerAddress"] = "2",
        ["RateLimits:Invitations:PerAccount"] = "2",
    };

    private static Dictionary<string, string> Login(string email) => new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-1" };

    [Fact]
    public async Task After_n_sign_in_attempts_for_one_account_the_next_gets_a_localized_429_with_retry_after()
    {
        var (_, admin) = await App.CreateTenantAsync("acme", culture: "ja");
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var token = await client.AntiforgeryTokenAsync("/acme/account/login");
        // Three attempts for the account (whatever the case of the email); another account's attempt is not counted.
        foreach (var email in new[] { admin.Email!, admin.Email!.ToUpperInvariant(), "other@acme.test", admin.Email! })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/login", Login(email), token, expect: HttpStatusCode.OK)).StatusCode);
        }

        var refused = await client.PostFormWithTokenAsync("/acme/account/login", Login(admin.Email!), token, expect: HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("試行回数が多すぎます", body, StringComparison.Ordinal);

        // Looking at the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acme/account/login")).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_is_limited_per_address_whatever_the_email()
    {
        await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var token = await client.AntiforgeryTokenAsync("/acme/account/forgot-password");
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "a@acme.test" }, token, expect: HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "b@acme.test" }, token, expect: HttpStatusCode.OK)).StatusCode);
        var refused = await client.PostFormWithTokenAsync("/acme/account/forgot-password", new() { ["Email"] = "c@acme.test" }, token, expect: HttpStatusCode.TooManyRequests);
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

    [Fact]
    public async Task Sign_up_is_limited_per_address_and_invitations_per_company()
    {
        var visitor = App.CreateBrowserlikeClient();
        var token = await visitor.AntiforgeryTokenAsync("/signup");
        foreach (var email in new[] { "a@kumo.test", "b@kumo.test" })
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostFormWithTokenAsync("/signup", new() { ["Input.Email"] = email }, token, expect: HttpStatusCode.OK)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.PostFormWithTokenAsync("/signup", new() { ["Input.Email"] = "c@kumo.test" }, token, expect: HttpStatusCode.TooManyRequests)).StatusCode);

        var (tenant, admin) = await App.CreateTenantAsync("acme");
        await App.CreateUserAsync(tenant, "second.admin@acme.test", NetworkSaaS.Core.Features.Accounts.Roles.Admin);
        var first = await App.SignInAsync("acme", admin.Email!);
        var second = await App.SignInAsync("acme", "second.admin@acme.test");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/acme/admin?handler=Invite", new() { ["Invite.Email"] = "one@acme.test" }, "/acme/admin", expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync("/acme/admin?handler=Invite", new() { ["Invite.Email"] = "two@acme.test" }, "/acme/admin", expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostFormAsync("/acme/admin?handler=Invite", new() { ["Invite.Email"] = "three@acme.test" }, "/acme/admin", expect: HttpStatusCode.TooManyRequests)).StatusCode);
        Assert.Equal(2, App.Mails().Count);
    }

    [Fact]
    public async Task The_counters_are_kept_in_the_database_under_hashed_keys_and_the_hourly_sweep_deletes_ended_windows()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var token = await client.AntiforgeryTokenAsync("/acme/account/login");
        await client.PostFormWithTokenAsync("/acme/account/login", Login(admin.Email!), token, expect: HttpStatusCode.OK);

        // What every web process reads and counts: one row per partition and window, the email only as a hash.
        var account = "sign-in|account|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"acme|{admin.Email!.ToUpperInvariant()}")));
        var rows = await CountersAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[account]);
        Assert.Single(rows.Keys, k => k.StartsWith("sign-in|ip|", StringComparison.Ordinal));
        Assert.DoesNotContain(rows.Keys, k => k.Contains("acme", StringComparison.OrdinalIgnoreCase));

        await using (var superuser = new NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var end = new NpgsqlCommand("UPDATE rate_limit_counters SET expires_at = now() - interval '1 second' WHERE key LIKE 'sign-in|ip|%'", superuser);
            Assert.Equal(1, await end.ExecuteNonQueryAsync());
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NetworkSaaS.Web.Features.Jobs.ExpiredInvitationSweep>().EnqueueForAllTenantsAsync();
        }

        Assert.Equal(account, Assert.Single((await CountersAsync()).Keys));
    }

    private async Task<Dictionary<string, int>> CountersAsync()
    {
        await using var superuser = new NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT key, count FROM rate_limit_counters", superuser);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt32(1);
        }

        return rows;
    }
}

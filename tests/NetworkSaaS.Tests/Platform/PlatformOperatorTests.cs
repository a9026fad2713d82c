using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Ops;
using Npgsql;
using OtpNet;

namespace NetworkSaaS.Tests.Platform;

public sealed partial class PlatformOperatorTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string OperatorEmail = "ops@platform.test";
    private const string NewPassword = "a-long-operator-passphrase";

    // The setting that used to make operators: it must mean nothing now.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Platform:Operators:0"] = "opsco/operator@opsco.test",
        // The lockout test makes eleven attempts in a row, more than the sign-in rate limit allows one account.
        ["RateLimits:SignIn:PerAccount"] = "100",
    };

    [GeneratedRegex("""<code id="authenticator-key">([^<]+)</code>""")]
    private static partial Regex SharedKey();

    [Fact]
    public async Task A_company_signed_up_with_the_former_operator_slug_and_email_gets_nothing_under_ops()
    {
        await App.CreateTenantAsync("victim");
        var client = App.CreateBrowserlikeClient();
        var signup = await client.PostFormAsync("/signup", new()
        {
            ["Input.CompanyName"] = "Ops Co",
            ["Input.Slug"] = "opsco",
            ["Input.DefaultCulture"] = "en",
            ["Input.TimeZoneId"] = "Europe/London",
            ["Input.AdminName"] = "Mallory",
            ["Input.Email"] = "operator@opsco.test",
            ["Input.Password"] = TestApp.Password,
            ["Input.ConfirmPassword"] = TestApp.Password,
        });
        Assert.Equal("/opsco/", signup.Headers.Location!.OriginalString);

        await AssertNothingUnderOpsAsync(client);
    }

    [Fact]
    public async Task A_tenant_admin_cookie_gets_nothing_under_ops()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acme/admin")).StatusCode);

        await AssertNothingUnderOpsAsync(client);
        foreach (var path in new[] { "/ops/enroll", "/ops/login/code" })
        {
            AssertSentToOpsLogin(await client.GetAsync(path), path);
        }
    }

    [Fact]
    public async Task An_operator_from_the_command_line_enrolls_an_authenticator_then_signs_in_with_password_and_code()
    {
        await App.CreateTenantAsync("acme");
        var output = new StringWriter();
        var oneTimePassword = await CreateOperatorCommand.RunAsync(App.Services, OperatorEmail, output);
        Assert.Contains($"One-time password: {oneTimePassword}", output.ToString(), StringComparison.Ordinal);

        // Password alone: only the enrollment page opens.
        var client = App.CreateBrowserlikeClient();
        Assert.Equal("/ops/enroll", (await SubmitPasswordAsync(client, oneTimePassword)).Headers.Location!.OriginalString);
        AssertSentToOpsLogin(await client.GetAsync("/ops/tenants"), "/ops/tenants");
        AssertSentToOpsLogin(await client.GetAsync("/ops/jobs"), "/ops/jobs");

        var enroll = await client.GetStringAsync("/ops/enroll");
        Assert.Contains("data:image/png;base64,", enroll, StringComparison.Ordinal);
        var key = SharedKey().Match(enroll).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await using (var superuser = new NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var stored = new NpgsqlCommand("SELECT authenticator_key FROM platform_operators", superuser);
            var inDatabase = (string)(await stored.ExecuteScalarAsync())!;
            Assert.DoesNotContain(key, inDatabase.ToUpperInvariant(), StringComparison.Ordinal);
        }

        var wrong = await client.PostFormAsync("/ops/enroll", new() { ["Input.Code"] = OtherCode(key), ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        AssertSentToOpsLogin(await client.GetAsync("/ops/tenants"), "/ops/tenants");

        var enrolled = await client.PostFormAsync("/ops/enroll", new() { ["Input.Code"] = Code(key), ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal("/ops/tenants", enrolled.Headers.Location!.OriginalString);
        Assert.Contains("acme", await client.GetStringAsync("/ops/tenants"), StringComparison.Ordinal);
        var jobs = await client.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Contains("NetworkSaaS jobs", await jobs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", jobs.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/ops/logout", [], expect: HttpStatusCode.Redirect)).StatusCode);
        AssertSentToOpsLogin(await client.GetAsync("/ops/tenants"), "/ops/tenants");

        // The one-time password is gone; the new one needs the code as well.
        var again = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await SubmitPasswordAsync(again, oneTimePassword, HttpStatusCode.OK)).StatusCode);
        Assert.Equal("/ops/login/code", (await SubmitPasswordAsync(again, NewPassword)).Headers.Location!.OriginalString);
        AssertSentToOpsLogin(await again.GetAsync("/ops/tenants"), "/ops/tenants");
        Assert.Equal(HttpStatusCode.OK, (await again.PostFormAsync("/ops/login/code", new() { ["Code"] = OtherCode(key) }, expect: HttpStatusCode.OK)).StatusCode);
        AssertSentToOpsLogin(await again.GetAsync("/ops/tenants"), "/ops/tenants");
        Assert.Equal("/ops/tenants", (await again.PostFormAsync("/ops/login/code", new() { ["Code"] = Code(key) })).Headers.Location!.OriginalString);
        Assert.Contains("acme", await again.GetStringAsync("/ops/tenants"), StringComparison.Ordinal);

        var actions = await AuditActionsAsync();
        Assert.Equal(
            [PlatformAuditActions.OperatorCreated, PlatformAuditActions.SignInFailed, PlatformAuditActions.PasswordChanged, PlatformAuditActions.MfaEnrolled,
             PlatformAuditActions.SignInSucceeded, PlatformAuditActions.SignedOut, PlatformAuditActions.SignInFailed, PlatformAuditActions.SignInFailed,
             PlatformAuditActions.SignInSucceeded],
            actions);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_operator_out_even_for_the_right_one()
    {
        var password = await CreateOperatorCommand.RunAsync(App.Services, OperatorEmail, TextWriter.Null);
        var client = App.CreateBrowserlikeClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubmitPasswordAsync(client, "not-the-password", HttpStatusCode.OK)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await SubmitPasswordAsync(client, password, HttpStatusCode.OK)).StatusCode);
        AssertSentToOpsLogin(await client.GetAsync("/ops/enroll"), "/ops/enroll");
        Assert.Contains(PlatformAuditActions.LockedOut, await AuditActionsAsync());
    }

    [Fact]
    public async Task The_app_role_can_neither_rewrite_the_platform_audit_nor_delete_an_operator()
    {
        await CreateOperatorCommand.RunAsync(App.Services, OperatorEmail, TextWriter.Null);
        await using var app = new NpgsqlConnection(App.Connections.App);
        await app.OpenAsync();
        foreach (var sql in new[] { "UPDATE platform_audit_entries SET action = 'x'", "DELETE FROM platform_audit_entries", "DELETE FROM platform_operators" })
        {
            await using var command = new NpgsqlCommand(sql, app);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    private static string Code(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp();

    private static string OtherCode(string base32Key) => ((int.Parse(Code(base32Key), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> SubmitPasswordAsync(HttpClient client, string password, HttpStatusCode? expect = null) =>
        client.PostFormAsync("/ops/login", new() { ["Input.Email"] = OperatorEmail, ["Input.Password"] = password }, expect: expect);

    private static async Task AssertNothingUnderOpsAsync(HttpClient client)
    {
        foreach (var path in new[] { "/ops/jobs", "/ops/tenants", "/ops/jobs/recurring" })
        {
            var response = await client.GetAsync(path);
            AssertSentToOpsLogin(response, path);
            Assert.DoesNotContain("victim", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static void AssertSentToOpsLogin(HttpResponseMessage response, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
        Assert.StartsWith("/ops/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PlatformAuditEntries.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }
}

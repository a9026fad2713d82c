using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Scim;

/// <summary>The SCIM token section: an Admin creates a token (shown once, stored hashed) and revokes it.</summary>
public sealed partial class ScimTokenPageTests(PostgresCluster cluster) : ScimTest(cluster)
{
    [GeneratedRegex("id=\"scim-new-token\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewToken();

    [Fact]
    public async Task An_admin_creates_a_token_sees_it_once_uses_it_and_revokes_it()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var browser = await App.SignInAsync("acme", admin.Email!);

        var created = await browser.PostFormAsync("/acme/admin/sso/scim-tokens?handler=Create",
            new() { ["Input.Name"] = "Microsoft Entra ID", ["Input.ExpiresOn"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal("/acme/admin/sso#scim", created.Headers.Location!.OriginalString);

        var page = await browser.GetStringAsync("/acme/admin/sso/scim-tokens");
        var token = System.Net.WebUtility.HtmlDecode(NewToken().Match(page).Groups[1].Value);
        Assert.StartsWith("scim_", token, StringComparison.Ordinal);
        Assert.Contains($"{RequiredSettings.BaseUrl}/acme/scim/v2", page, StringComparison.Ordinal);
        Assert.Contains("Microsoft Entra ID", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(NewToken(), await browser.GetStringAsync("/acme/admin/sso/scim-tokens"));

        var stored = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ScimTokens.SingleAsync());
        Assert.Equal(Web.Features.Accounts.SecretTokens.Hash(token), stored.TokenHash);
        Assert.NotNull(stored.ExpiresAt);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Client(token), "/acme/scim/v2/Users")).Status);
        var used = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ScimTokens.SingleAsync());
        Assert.NotNull(used.LastUsedAt);

        await browser.PostFormAsync("/acme/admin/sso/scim-tokens?handler=Revoke", new() { ["id"] = stored.Id.ToString() });
        AssertError(await GetAsync(Client(token), "/acme/scim/v2/Users"), HttpStatusCode.Unauthorized);
        var actions = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.ScimTokenCreated, actions);
        Assert.Contains(AuditActions.ScimTokenRevoked, actions);
    }

    [Fact]
    public async Task A_token_without_a_name_or_with_a_past_expiry_is_refused()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var browser = await App.SignInAsync("acme", admin.Email!);

        await browser.PostFormAsync("/acme/admin/sso/scim-tokens?handler=Create", new() { ["Input.Name"] = " " }, expect: HttpStatusCode.OK);
        await browser.PostFormAsync("/acme/admin/sso/scim-tokens?handler=Create",
            new() { ["Input.Name"] = "Okta", ["Input.ExpiresOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, expect: HttpStatusCode.OK);

        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ScimTokens.CountAsync()));
    }

    [Fact]
    public async Task An_admin_of_another_company_cannot_revoke_a_token_by_its_id()
    {
        var (_, alphaAdmin) = await App.CreateTenantAsync("alpha");
        var (beta, _) = await App.CreateTenantAsync("beta");
        var betaToken = await CreateTokenAsync(beta);
        var betaTokenId = Guid.ParseExact(betaToken.AsSpan("scim_".Length, 32), "N");
        var browser = await App.SignInAsync("alpha", alphaAdmin.Email!);

        await browser.PostFormAsync("/alpha/admin/sso/scim-tokens?handler=Revoke", new() { ["id"] = betaTokenId.ToString() }, expect: HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Client(betaToken), "/beta/scim/v2/Users")).Status);
        Assert.DoesNotContain(betaTokenId.ToString(), await browser.GetStringAsync("/alpha/admin/sso/scim-tokens"), StringComparison.Ordinal);
        Assert.Null((await App.InTenantAsync(beta, sp => sp.GetRequiredService<AppDbContext>().ScimTokens.SingleAsync())).RevokedAt);
    }

    [Fact]
    public async Task An_employee_cannot_create_tokens()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        await App.CreateUserAsync(tenant, "employee@acme.test", Roles.Manager);
        var browser = await App.SignInAsync("acme", "employee@acme.test");

        var response = await browser.GetAsync("/acme/admin/sso/scim-tokens");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ScimTokens.CountAsync()));
    }
}

/// <summary>The SCIM policy counts every request of a company, any method, and answers 429 in SCIM's format.</summary>
public sealed class ScimRateLimitTests(PostgresCluster cluster) : ScimTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Scim:PerAccount"] = "3",
        ["RateLimits:Scim:PerAddress"] = "100",
        ["RateLimits:Scim:Window"] = "00:10:00",
    };

    [Fact]
    public async Task The_fourth_request_in_the_window_is_429_with_Retry_After()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var scim = Client(await CreateTokenAsync(tenant));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(scim, "/acme/scim/v2/Users")).Status);
        }

        var refused = await GetAsync(scim, "/acme/scim/v2/Users");

        AssertError(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
    }
}

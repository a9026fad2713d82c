using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Api;

/// <summary>The account page for personal tokens and the HR/Admin page for company tokens.</summary>
public sealed partial class ApiTokenPageTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _betaSlug = Slug("beta");

    [Fact]
    public async Task A_user_creates_a_personal_token_sees_it_once_uses_it_and_revokes_it()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var user = await App.CreateUserAsync(tenant, $"u@{_acmeSlug}.test");
        var browser = await App.SignInAsync(_acmeSlug, $"u@{_acmeSlug}.test");
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var created = await browser.PostFormAsync($"/{_acmeSlug}/account/api-tokens?handler=Create",
            new() { ["Input.Name"] = "My script", ["Input.Read"] = "true", ["Input.Write"] = "false", ["Input.Introductions"] = "false", ["Input.ExpiresOn"] = expires },
            formPage: $"/{_acmeSlug}/account/api-tokens");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await browser.GetStringAsync($"/{_acmeSlug}/account/api-tokens");
        var secret = NewToken().Match(page).Groups[1].Value;
        Assert.StartsWith("nsa_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await browser.GetStringAsync($"/{_acmeSlug}/account/api-tokens"), StringComparison.Ordinal);

        var api = App.Api(_acmeSlug, secret);
        (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);
        ApiAssert.Problem(await api.PostAsync("/contacts", new { familyName = "X" }), HttpStatusCode.Forbidden);

        var token = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync());
        Assert.Equal(user.Id, token.UserId);
        Assert.Equal(ApiScopes.Read, token.Scopes);
        Assert.NotEqual(secret, token.TokenHash);
        Assert.Contains(token.Id.ToString(), await browser.GetStringAsync($"/{_acmeSlug}/account/api-tokens"), StringComparison.Ordinal);

        await browser.PostFormAsync($"/{_acmeSlug}/account/api-tokens?handler=Revoke", new() { ["id"] = token.Id.ToString() }, formPage: $"/{_acmeSlug}/account/api-tokens");
        ApiAssert.Problem(await api.GetAsync("/me"), HttpStatusCode.Unauthorized);
        var actions = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.ApiTokenCreated, actions);
        Assert.Contains(AuditActions.ApiTokenRevoked, actions);
    }

    [Fact]
    public async Task A_personal_token_needs_a_scope_and_an_expiry_within_a_year_and_others_tokens_cannot_be_revoked()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        await App.CreateUserAsync(tenant, $"u@{_acmeSlug}.test");
        var browser = await App.SignInAsync(_acmeSlug, $"u@{_acmeSlug}.test");
        var far = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await browser.PostFormAsync($"/{_acmeSlug}/account/api-tokens?handler=Create",
            new() { ["Input.Name"] = "x", ["Input.Read"] = "false", ["Input.Write"] = "false", ["Input.Introductions"] = "false", ["Input.ExpiresOn"] = far },
            formPage: $"/{_acmeSlug}/account/api-tokens", expect: HttpStatusCode.OK);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.CountAsync()));

        await App.CreatePersonalTokenAsync(tenant, admin.Id);
        var adminsToken = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync());
        await browser.PostFormAsync($"/{_acmeSlug}/account/api-tokens?handler=Revoke", new() { ["id"] = adminsToken.Id.ToString() },
            formPage: $"/{_acmeSlug}/account/api-tokens", expect: HttpStatusCode.NotFound);
        Assert.Null((await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync())).RevokedAt);
    }

    [Fact]
    public async Task HR_creates_company_tokens_with_the_HR_role_only_and_employees_cannot_open_the_page()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        await App.CreateUserAsync(tenant, $"hr@{_acmeSlug}.test", Roles.HR);
        await App.CreateUserAsync(tenant, $"e@{_acmeSlug}.test");
        var hr = await App.SignInAsync(_acmeSlug, $"hr@{_acmeSlug}.test");

        await hr.PostFormAsync($"/{_acmeSlug}/admin/api-tokens?handler=Create",
            new() { ["Input.Name"] = "HR system", ["Input.Role"] = Roles.Admin, ["Input.Read"] = "true", ["Input.Write"] = "false", ["Input.Introductions"] = "false" },
            formPage: $"/{_acmeSlug}/admin/api-tokens", expect: HttpStatusCode.OK);
        await hr.PostFormAsync($"/{_acmeSlug}/admin/api-tokens?handler=Create",
            new() { ["Input.Name"] = "HR system", ["Input.Role"] = Roles.HR, ["Input.Read"] = "true", ["Input.Write"] = "false", ["Input.Introductions"] = "false" },
            formPage: $"/{_acmeSlug}/admin/api-tokens");
        var secret = NewToken().Match(await hr.GetStringAsync($"/{_acmeSlug}/admin/api-tokens")).Groups[1].Value;
        var me = (await App.Api(_acmeSlug, secret).GetAsync("/me")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("company", me["tokenKind"]!.GetValue<string>());
        Assert.Equal(["HR"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var token = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync());
        Assert.Equal(ApiTokenKind.Company, token.Kind);
        Assert.Null(token.UserId);

        var employee = await App.SignInAsync(_acmeSlug, $"e@{_acmeSlug}.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/{_acmeSlug}/admin/api-tokens")).StatusCode);
        // A personal revoke form cannot reach a company token either.
        await employee.PostFormAsync($"/{_acmeSlug}/account/api-tokens?handler=Revoke", new() { ["id"] = token.Id.ToString() },
            formPage: $"/{_acmeSlug}/account/api-tokens", expect: HttpStatusCode.NotFound);

        await hr.PostFormAsync($"/{_acmeSlug}/admin/api-tokens?handler=Revoke", new() { ["id"] = token.Id.ToString() }, formPage: $"/{_acmeSlug}/admin/api-tokens");
        ApiAssert.Problem(await App.Api(_acmeSlug, secret).GetAsync("/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_companys_token_cannot_be_revoked_from_this_company()
    {
        var (acme, _) = await App.CreateTenantAsync(_acmeSlug);
        var (beta, betaAdmin) = await App.CreateTenantAsync(_betaSlug);
        await App.CreateCompanyTokenAsync(beta, betaAdmin.Id);
        var betaToken = await App.InTenantAsync(beta, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync());
        await App.CreateUserAsync(acme, $"hr@{_acmeSlug}.test", Roles.HR);
        var hr = await App.SignInAsync(_acmeSlug, $"hr@{_acmeSlug}.test");
        await hr.PostFormAsync($"/{_acmeSlug}/admin/api-tokens?handler=Revoke", new() { ["id"] = betaToken.Id.ToString() },
            formPage: $"/{_acmeSlug}/admin/api-tokens", expect: HttpStatusCode.NotFound);
        Assert.Null((await App.InTenantAsync(beta, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync())).RevokedAt);
    }

    [GeneratedRegex("id=\"api-new-token\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewToken();
}

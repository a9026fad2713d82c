using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Api;

namespace NetworkSaaS.Tests.Api;

/// <summary>Tokens, the principal they give, the tenant check, problem details, the language, the OpenAPI document.</summary>
public sealed class ApiFoundationTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _betaSlug = Slug("beta");

    [Fact]
    public async Task A_personal_token_acts_as_its_user_with_the_users_roles_and_its_scopes()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"mgr@{_acmeSlug}.test", ApiScopes.Read | ApiScopes.Write, Roles.Manager);

        var me = (await api.GetAsync("/me")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.Id, me["userId"]!.GetValue<Guid>());
        Assert.Equal("personal", me["tokenKind"]!.GetValue<string>());
        Assert.Equal(["Employee", "Manager"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["read", "write"], me["scopes"]!.AsArray().Select(r => r!.GetValue<string>()));

        var lastUsed = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ApiTokens.Select(t => t.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
    }

    [Fact]
    public async Task A_company_token_acts_with_its_role_and_has_no_user()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var api = App.Api(_acmeSlug, await App.CreateCompanyTokenAsync(tenant, admin.Id, Roles.HR, ApiScopes.Read));

        var me = (await api.GetAsync("/me")).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(me["userId"]);
        Assert.Equal("company", me["tokenKind"]!.GetValue<string>());
        Assert.Equal(["HR"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Missing_unknown_revoked_and_expired_tokens_are_401_problems()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var none = App.Api(_acmeSlug, "");
        var missing = await none.SendToAsync(HttpMethod.Get, $"/{_acmeSlug}/api/v1/me");
        ApiAssert.Problem(missing, HttpStatusCode.Unauthorized);

        var forged = App.Api(_acmeSlug, $"nsa_{Guid.CreateVersion7():N}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var unknown = await forged.GetAsync("/me");
        ApiAssert.Problem(unknown, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", unknown.Header("WWW-Authenticate"), StringComparison.Ordinal);

        var expired = App.Api(_acmeSlug, await App.CreatePersonalTokenAsync(tenant, admin.Id, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
        ApiAssert.Problem(await expired.GetAsync("/me"), HttpStatusCode.Unauthorized);

        var token = await App.CreatePersonalTokenAsync(tenant, admin.Id);
        var api = App.Api(_acmeSlug, token);
        (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);
        await App.InTenantAsync(tenant, async sp =>
        {
            var id = await sp.GetRequiredService<AppDbContext>().ApiTokens.Where(t => t.ExpiresAt == null).Select(t => t.Id).SingleAsync();
            return await sp.GetRequiredService<ApiTokenService>().RevokeAsync(id, admin.Id, CancellationToken.None);
        });
        ApiAssert.Problem(await api.GetAsync("/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working_and_works_again_after_reactivation()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"leaver@{_acmeSlug}.test");
        (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);

        await App.InTenantAsync(tenant, async sp =>
        {
            var found = await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id.ToString());
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync(found!, null, CancellationToken.None);
            return 0;
        });
        ApiAssert.Problem(await api.GetAsync("/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_one_company_is_refused_under_another_and_an_unknown_company_is_a_404_problem()
    {
        var (acme, _) = await App.CreateTenantAsync(_acmeSlug);
        await App.CreateTenantAsync(_betaSlug);
        var (_, api) = await App.UserWithTokenAsync(acme, $"a@{_acmeSlug}.test");

        await ApiAssert.CrossTenantRefusedAsync(api, _betaSlug, HttpMethod.Get, "/me");
        ApiAssert.Problem(await api.SendToAsync(HttpMethod.Get, "/nosuchcompany/api/v1/me"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sign_in_cookie_never_authenticates_an_API_call()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var browser = await App.SignInAsync(_acmeSlug, admin.Email!);
        var response = await ApiResponse.ReadAsync(await browser.GetAsync($"/{_acmeSlug}/api/v1/me"));
        ApiAssert.Problem(response, HttpStatusCode.Unauthorized);
        _ = tenant;
    }

    [Fact]
    public async Task A_token_without_the_scope_of_an_endpoint_is_a_403_problem()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (_, writeOnly) = await App.UserWithTokenAsync(tenant, $"w@{_acmeSlug}.test", ApiScopes.Write);
        ApiAssert.Problem(await writeOnly.GetAsync("/me"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Problem_titles_follow_accept_language_then_the_users_language()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (user, api) = await App.UserWithTokenAsync(tenant, $"u@{_acmeSlug}.test");

        api.Language = "ja,en;q=0.5";
        ApiAssert.Problem(await api.GetAsync("/no-such-thing"), HttpStatusCode.NotFound, "見つかりません。");
        api.Language = "en-US";
        ApiAssert.Problem(await api.GetAsync("/no-such-thing"), HttpStatusCode.NotFound, "Not found.");
        var anonymous = App.Api(_acmeSlug, "", language: "ja");
        ApiAssert.Problem(await anonymous.SendToAsync(HttpMethod.Get, $"/{_acmeSlug}/api/v1/me"), HttpStatusCode.Unauthorized, "有効な API トークンが必要です。");

        // No Accept-Language: the user's saved language (Japanese) before the company's (English).
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "ja"));
        });
        api.Language = null;
        ApiAssert.Problem(await api.GetAsync("/no-such-thing"), HttpStatusCode.NotFound, "見つかりません。");
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_reference_page_are_served_per_company()
    {
        await App.CreateTenantAsync(_acmeSlug);
        var client = App.CreateClient();
        var document = await ApiResponse.ReadAsync(await client.GetAsync($"/{_acmeSlug}/api/v1/openapi.json"));
        document.Expect(HttpStatusCode.OK);
        var paths = document.Json!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/{tenant}/api/v1/me", paths);
        Assert.DoesNotContain(paths, p => p.Contains("scim", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(document.Json["components"]!["securitySchemes"]!["bearer"]);

        var docs = await client.GetAsync($"/{_acmeSlug}/api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.True(html.Contains($"http://localhost/{_acmeSlug}/api/v1/openapi.json", StringComparison.Ordinal), html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nosuchcompany/api/v1/openapi.json")).StatusCode);
    }
}

/// <summary>The per-token limit with a small window count (RateLimits:Api), its headers and the 429 problem.</summary>
public sealed class ApiRateLimitTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _betaSlug = Slug("beta");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Api:PerAccount"] = "3",
        ["RateLimits:Api:Window"] = "00:10:00",
    };

    [Fact]
    public async Task Each_token_has_its_own_limit_with_RateLimit_headers_and_a_429_problem_after_it()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var (_, api) = await App.UserWithTokenAsync(tenant, $"a@{_acmeSlug}.test");
        var (_, other) = await App.UserWithTokenAsync(tenant, $"b@{_acmeSlug}.test");

        var first = (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);
        Assert.Equal("\"token\";q=3;w=600", first.Header("RateLimit-Policy"));
        Assert.StartsWith("\"token\";r=2;t=", first.Header("RateLimit"), StringComparison.Ordinal);
        (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);
        var third = (await api.GetAsync("/me")).Expect(HttpStatusCode.OK);
        Assert.StartsWith("\"token\";r=0;t=", third.Header("RateLimit"), StringComparison.Ordinal);

        var refused = await api.GetAsync("/me");
        ApiAssert.Problem(refused, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 600);

        (await other.GetAsync("/me")).Expect(HttpStatusCode.OK);
    }
}

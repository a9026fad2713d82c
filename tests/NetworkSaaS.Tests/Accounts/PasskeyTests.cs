using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Accounts.Passkeys;

namespace NetworkSaaS.Tests.Accounts;

public sealed class PasskeyTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _betaSlug = Slug("beta");

    [Fact]
    public async Task Creation_options_name_the_configured_relying_party_and_the_signed_in_user()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var token = await client.AntiforgeryTokenAsync($"/{_acmeSlug}/account/security");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{_acmeSlug}/account/security/passkeys?handler=CreationOptions");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(admin.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
    }

    [Fact]
    public async Task The_passkey_store_round_trips_through_identity_and_company_b_cannot_see_company_a_passkeys()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync(_acmeSlug);
        var (tenantB, _) = await App.CreateTenantAsync(_betaSlug);
        byte[] credentialId = [1, 2, 3, 4, 5, 6, 7, 8];

        var (listed, found, stampUnchanged, has) = await App.InTenantAsync(tenantA, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(adminA.Id.ToString()))!;
            var stamp = user.SecurityStamp;
            Assert.True(users.SupportsUserPasskey);
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, NewPasskey(credentialId, "Laptop"))).Succeeded);
            var passkey = (await users.GetPasskeyAsync(user, credentialId))!;
            passkey.Name = "Work laptop";
            passkey.SignCount = 7;
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
            var stored = await users.GetPasskeysAsync(user);
            var owner = await users.FindByPasskeyIdAsync(credentialId);
            var reloaded = (await users.FindByIdAsync(adminA.Id.ToString()))!;
            return (stored, owner, reloaded.SecurityStamp == stamp, await sp.GetRequiredService<SecondFactorStatus>().HasSecondFactorAsync(user));
        });
        var only = Assert.Single(listed);
        Assert.Equal("Work laptop", only.Name);
        Assert.Equal(7u, only.SignCount);
        Assert.Equal(["internal"], only.Transports ?? []);
        Assert.Equal(adminA.Id, found?.Id);
        Assert.True(stampUnchanged, "saving a passkey (as every passkey sign-in does) must not end the user's sessions");
        Assert.True(has);

        var (seenByB, rowsForB) = await App.InTenantAsync(tenantB, async sp =>
        {
            var owner = await sp.GetRequiredService<UserManager<AppUser>>().FindByPasskeyIdAsync(credentialId);
            var rows = await sp.GetRequiredService<AppDbContext>().UserPasskeys.IgnoreQueryFilters().CountAsync();
            return (owner, rows);
        });
        Assert.Null(seenByB);
        Assert.Equal(0, rowsForB);

        var removed = await App.InTenantAsync(tenantA, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(adminA.Id.ToString()))!;
            Assert.True((await users.RemovePasskeyAsync(user, credentialId)).Succeeded);
            return !await sp.GetRequiredService<SecondFactorStatus>().HasSecondFactorAsync(user);
        });
        Assert.True(removed);
    }

    [Fact]
    public async Task Company_b_cannot_rename_or_remove_company_a_passkeys_through_its_own_pages()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync(_acmeSlug);
        var (_, adminB) = await App.CreateTenantAsync(_betaSlug);
        byte[] credentialId = [9, 8, 7, 6, 5, 4, 3, 2];
        await App.InTenantAsync(tenantA, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(adminA.Id.ToString()))!, NewPasskey(credentialId, "A's key"));
        });
        var client = await App.SignInAsync(_betaSlug, adminB.Email!);
        var id = System.Buffers.Text.Base64Url.EncodeToString(credentialId);

        var delete = await client.PostFormAsync($"/{_betaSlug}/account/security/passkeys?handler=Delete", new() { ["Id"] = id }, $"/{_betaSlug}/account/security", expect: HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var rename = await client.PostFormAsync($"/{_betaSlug}/account/security/passkeys?handler=Rename", new() { ["Id"] = id, ["Name"] = "mine" }, $"/{_betaSlug}/account/security", expect: HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);

        var name = await App.InTenantAsync(tenantA, sp => sp.GetRequiredService<AppDbContext>().UserPasskeys.Select(p => p.Data.Name).SingleAsync());
        Assert.Equal("A's key", name);
    }

    [Fact]
    public async Task A_passkey_sign_in_without_a_ceremony_under_way_signs_nobody_in()
    {
        await App.CreateTenantAsync(_acmeSlug);
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await client.PostFormAsync($"/{_acmeSlug}/account/login/passkey", new() { ["CredentialJson"] = "{\"id\":\"AQID\"}" }, $"/{_acmeSlug}/account/login", expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"passkey-problem\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{_acmeSlug}/")).StatusCode);
    }

    private static UserPasskeyInfo NewPasskey(byte[] credentialId, string name) =>
        new(credentialId, [0xA5, 0x01], DateTimeOffset.UtcNow, 0, ["internal"], isUserVerified: true, isBackupEligible: false,
            isBackedUp: false, attestationObject: [0xA0], clientDataJson: [0x7B, 0x7D])
        {
            Name = name,
        };
}

public sealed class PasskeyOriginTests
{
    [Fact]
    public void Only_configured_origins_are_accepted_and_any_localhost_port_only_in_local_development()
    {
        var configured = new HashSet<string>(["https://networksaas.example.com"], StringComparer.OrdinalIgnoreCase);
        Assert.True(PasskeysSetup.IsAllowedOrigin("https://networksaas.example.com", configured, anyLocalhostPort: false));
        Assert.False(PasskeysSetup.IsAllowedOrigin("https://evil.example.com", configured, anyLocalhostPort: false));
        Assert.False(PasskeysSetup.IsAllowedOrigin("http://networksaas.example.com", configured, anyLocalhostPort: false));
        Assert.False(PasskeysSetup.IsAllowedOrigin("http://localhost:5080", configured, anyLocalhostPort: false));
        Assert.True(PasskeysSetup.IsAllowedOrigin("http://localhost:5080", configured, anyLocalhostPort: true));
        Assert.False(PasskeysSetup.IsAllowedOrigin("http://localhost.evil.example:5080", configured, anyLocalhostPort: true));
    }
}

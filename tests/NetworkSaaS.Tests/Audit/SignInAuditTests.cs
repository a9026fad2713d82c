using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Audit;

public sealed class SignInAuditTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    // Enough sign-in attempts for the lockout (10 failures) to happen before the rate limit does.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimits:SignIn:PerAccount"] = "100" };

    [Fact]
    public async Task Sign_in_success_each_failure_reason_and_the_lockout_are_audited_while_the_page_says_one_thing()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var gone = await App.CreateUserAsync(tenant, "gone@acme.test");
        var victim = await App.CreateUserAsync(tenant, "victim@acme.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(gone.Id.ToString()))!;
            user.IsActive = false;
            return await users.UpdateAsync(user);
        });

        await App.SignInAsync("acme", admin.Email!);
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var token = await client.AntiforgeryTokenAsync("/acme/account/login");
        async Task<string> AttemptAsync(string email, string password)
        {
            var response = await client.PostFormWithTokenAsync("/acme/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password }, token, expect: HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("The email or password is not correct.", body, StringComparison.Ordinal);
            return body;
        }

        await AttemptAsync(gone.Email!, TestApp.Password);
        for (var i = 0; i < 10; i++)
        {
            await AttemptAsync(victim.Email!, "wrong-password-1");
        }

        await AttemptAsync(victim.Email!, TestApp.Password);

        var entries = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("account.")).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync());
        var signedIn = Assert.Single(entries, e => e.Action == AuditActions.SignedIn);
        Assert.Equal((admin.Id, admin.Email), (signedIn.ActorUserId, signedIn.Subject));
        var failures = entries.Where(e => e.Action == AuditActions.SignInFailed).Select(e => (e.Subject, e.Details)).ToList();
        Assert.Equal(
            [("gone@acme.test", "inactive"), .. Enumerable.Repeat(("victim@acme.test", "bad-password"), 10), ("victim@acme.test", "locked-out")],
            failures);
        var lockout = Assert.Single(entries, e => e.Action == AuditActions.LockedOut);
        Assert.Equal((victim.Id, "victim@acme.test"), (lockout.ActorUserId!.Value, lockout.Subject));
    }
}

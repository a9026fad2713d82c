using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>"Who here knows about APPI / Go / 物流": colleagues found by the expertise on their profiles.</summary>
public sealed class ColleagueExpertiseTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private async Task<AppUser> ColleagueAsync(Tenant tenant, string email, params string[] expertise)
    {
        var user = await App.CreateUserAsync(tenant, email);
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).ExpertiseTags = [.. expertise];
            return await db.SaveChangesAsync();
        });
        return user;
    }

    private Task<List<string>> FindAsync(Tenant tenant, Guid me, string keywords) =>
        App.InTenantAsync(tenant, async sp =>
            (await sp.GetRequiredService<ColleagueExpertise>().FindAsync(me, keywords, CancellationToken.None)).Select(e => e.DisplayName).ToList());

    [Fact]
    public async Task Colleagues_are_found_by_profile_expertise_whatever_the_width_case_or_kana_and_leavers_are_not()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var searcher = await ColleagueAsync(tenant, "searcher@acme.test", "APPI");
        await ColleagueAsync(tenant, "privacy@acme.test", "ＡＰＰＩ", "個人情報保護法");
        await ColleagueAsync(tenant, "gopher@acme.test", "Go", "Kubernetes");
        await ColleagueAsync(tenant, "ads@acme.test", "Google Ads");
        await ColleagueAsync(tenant, "logistics@acme.test", "ﾛｼﾞｽﾃｨｸｽ", "国際物流");
        var leaver = await ColleagueAsync(tenant, "leaver@acme.test", "appi", "物流");
        await App.InTenantAsync(tenant, async sp =>
        {
            var user = await sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == leaver.Id);
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync(user, null, CancellationToken.None);
            return 0;
        });

        Assert.Equal(["privacy"], await FindAsync(tenant, searcher.Id, "appi"));
        Assert.Equal(["privacy"], await FindAsync(tenant, searcher.Id, "ＡＰＰＩ"));
        Assert.Equal(["gopher"], await FindAsync(tenant, searcher.Id, "GO"));
        Assert.Equal(["logistics"], await FindAsync(tenant, searcher.Id, "物流"));
        Assert.Equal(["logistics"], await FindAsync(tenant, searcher.Id, "ロジスティクス"));
        Assert.Equal(["logistics"], await FindAsync(tenant, searcher.Id, "ろじすてぃくす"));
        Assert.Equal(["privacy"], await FindAsync(tenant, searcher.Id, "個人情報"));
        Assert.Empty(await FindAsync(tenant, searcher.Id, "appi kubernetes"));
        Assert.Empty(await FindAsync(tenant, searcher.Id, "cobol"));

        var client = await App.SignInAsync("acme", searcher.Email!);
        var page = await client.GetStringAsync("/acme/discover?keywords=APPI");
        var section = page[page.IndexOf("id=\"colleague-experts\"", StringComparison.Ordinal)..];
        Assert.Contains("privacy", section, StringComparison.Ordinal);
        Assert.Contains("mailto:privacy@acme.test?subject=", section, StringComparison.Ordinal);
        Assert.Contains("/acme/asks/new?purpose=Advisor&amp;title=Advice%20on%20APPI", section, StringComparison.Ordinal);
        Assert.DoesNotContain("leaver", page, StringComparison.Ordinal);

        // The advisor ask link opens the ask form with the purpose and the topic filled in.
        var ask = await client.GetStringAsync("/acme/asks/new?purpose=Advisor&title=Advice%20on%20APPI");
        Assert.Contains("value=\"Advice on APPI\"", ask, StringComparison.Ordinal);
        Assert.Matches("<option[^>]*selected=\"selected\"[^>]*value=\"Advisor\"|<option[^>]*value=\"Advisor\"[^>]*selected=\"selected\"", ask);
    }

    [Fact]
    public async Task Colleagues_of_another_company_are_never_found()
    {
        var (acme, _) = await App.CreateTenantAsync("acme");
        var (globex, _) = await App.CreateTenantAsync("globex");
        var searcher = await ColleagueAsync(acme, "searcher@acme.test");
        await ColleagueAsync(globex, "expert@globex.test", "APPI");

        Assert.Empty(await FindAsync(acme, searcher.Id, "APPI"));
    }
}

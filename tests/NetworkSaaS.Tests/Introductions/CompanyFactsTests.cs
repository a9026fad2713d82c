using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Unit.Interchange;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>Company facts: an industry from the fixed list and a web domain, edited by colleagues or filled by a Sansan import.</summary>
public sealed class CompanyFactsTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _globexSlug = Slug("globex");

    private Task<Organization> OrganizationAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    private static Dictionary<string, string> Facts(string industry, string domain) => new() { ["Industry"] = industry, ["Domain"] = domain };

    [Fact]
    public async Task A_colleague_sets_industry_and_domain_it_is_audited_and_the_discover_industry_filter_finds_the_company()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var buyer = await App.CreateContactAsync(tenant, owner.Id, "Sato", "Ken", "Sakura Foods KK", ContactVisibility.Shared, title: "Head buyer");
        var organizationId = buyer.OrganizationId!.Value;
        var client = await App.SignInAsync(_acmeSlug, searcher.Email!);
        var edit = $"/{_acmeSlug}/companies/{organizationId}/edit";
        Assert.DoesNotContain("Head buyer", await client.GetStringAsync($"/{_acmeSlug}/discover?industry=manufacturing"), StringComparison.Ordinal);

        var saved = await client.PostFormAsync(edit, Facts("manufacturing", "https://www.Sakura-Foods.example.jp/company"), edit);

        Assert.Equal($"/{_acmeSlug}/companies/{organizationId}", saved.Headers.Location!.OriginalString);
        var organization = await OrganizationAsync(tenant, organizationId);
        Assert.Equal(("manufacturing", "sakura-foods.example.jp"), (organization.Industry, organization.Domain));
        Assert.Contains("Manufacturing", await client.GetStringAsync($"/{_acmeSlug}/companies/{organizationId}"), StringComparison.Ordinal);
        var entry = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == AuditActions.OrganizationUpdated));
        Assert.Equal((searcher.Id, "Sakura Foods KK"), (entry.ActorUserId, entry.Subject));
        Assert.Contains("industry: - → manufacturing; domain: - → sakura-foods.example.jp", entry.Details, StringComparison.Ordinal);

        Assert.Contains("Head buyer", await client.GetStringAsync($"/{_acmeSlug}/discover?industry=manufacturing"), StringComparison.Ordinal);
        Assert.Contains("Head buyer", await client.GetStringAsync($"/{_acmeSlug}/discover?industry=%E8%A3%BD%E9%80%A0%E6%A5%AD"), StringComparison.Ordinal); // 製造業
        Assert.DoesNotContain("Head buyer", await client.GetStringAsync($"/{_acmeSlug}/discover?industry=construction"), StringComparison.Ordinal);
        Assert.Contains("value=\"manufacturing\" selected=\"selected\"", await client.GetStringAsync($"/{_acmeSlug}/discover?industry=manufacturing"), StringComparison.Ordinal);

        // A value outside the fixed list, or a domain that is no host name, is refused and changes nothing.
        var refused = await client.PostFormAsync(edit, Facts("spaceships", "not a domain"), edit, expect: HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Choose an industry from the list.", page, StringComparison.Ordinal);
        Assert.Contains("Enter a domain such as example.co.jp", page, StringComparison.Ordinal);
        Assert.Equal("manufacturing", (await OrganizationAsync(tenant, organizationId)).Industry);
    }

    [Fact]
    public async Task A_Sansan_import_fills_industry_and_domain_where_unset_and_discover_then_finds_its_companies()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var existing = await App.CreateContactAsync(tenant, owner.Id, "佐藤", "健", "株式会社さくらフーズ", ContactVisibility.Shared, title: "購買部長");
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Organizations.SingleAsync(o => o.Id == existing.OrganizationId)).Industry = "manufacturing";
            return await db.SaveChangesAsync();
        });
        var csv = "会社名,部署名,役職,姓,名,姓(カナ),名(カナ),E-mail,URL,業種\r\n"
            + "株式会社みらい物流,配送部,配送課長,伊藤,美咲,イトウ,ミサキ,misaki.ito@gmail.com,https://www.mirai-logi.example.jp/,運輸業、郵便業\r\n"
            + "(株)さくらフーズ,営業部,課長,鈴木,一郎,スズキ,イチロウ,,https://sakura-foods.example.jp,小売業\r\n";
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);

        var url = (await ImportTests.UploadAsync(client, _acmeSlug, "sansan.csv", ContactFiles.ShiftJis.GetBytes(csv))).Headers.Location!.OriginalString;
        Assert.Contains("Sansan", await client.GetStringAsync(url), StringComparison.Ordinal);
        await client.PostFormAsync($"{url}?handler=Start", [], url);

        var imported = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var contacts = await db.Contacts.Where(c => c.OwnerId == owner.Id && c.Id != existing.Id).ToListAsync();
            contacts.ForEach(c => c.Visibility = ContactVisibility.Shared); // the owner shares them after triage
            await db.SaveChangesAsync();
            return contacts;
        });
        var ito = Assert.Single(imported, c => c.FamilyName == "伊藤");
        var suzuki = Assert.Single(imported, c => c.FamilyName == "鈴木");
        var mirai = await OrganizationAsync(tenant, ito.OrganizationId!.Value);
        Assert.Equal(("transport-logistics", "mirai-logi.example.jp"), (mirai.Industry, mirai.Domain));
        Assert.Equal(existing.OrganizationId, suzuki.OrganizationId);
        var sakura = await OrganizationAsync(tenant, existing.OrganizationId!.Value);
        Assert.Equal(("manufacturing", "sakura-foods.example.jp"), (sakura.Industry, sakura.Domain)); // an industry someone set is kept

        var searcherClient = await App.SignInAsync(_acmeSlug, searcher.Email!);
        var logistics = await searcherClient.GetStringAsync($"/{_acmeSlug}/discover?industry=transport-logistics");
        Assert.Contains("伊藤 美咲", logistics, StringComparison.Ordinal);
        Assert.DoesNotContain("鈴木", logistics, StringComparison.Ordinal);
        var food = await searcherClient.GetStringAsync($"/{_acmeSlug}/discover?industry=manufacturing");
        Assert.Contains("鈴木 一郎", food, StringComparison.Ordinal);
        Assert.Contains("運輸業、郵便業（物流）", logistics, StringComparison.Ordinal); // the filter's list, in Japanese
    }

    [Fact]
    public async Task A_company_cannot_be_edited_from_another_tenant_nor_when_it_is_known_only_through_private_contacts()
    {
        var (acme, acmeAdmin) = await App.CreateTenantAsync(_acmeSlug);
        var (_, globexAdmin) = await App.CreateTenantAsync(_globexSlug);
        var colleague = await App.CreateUserAsync(acme, $"colleague@{_acmeSlug}.test");
        var shared = await App.CreateContactAsync(acme, acmeAdmin.Id, "Sato", "Ken", "Sakura Foods KK", ContactVisibility.Shared);
        var hidden = await App.CreateContactAsync(acme, acmeAdmin.Id, "Kato", "Aya", "Secret Partner KK", ContactVisibility.Private);

        // Another company's organization, addressed under that company's own slug: 404, nothing changes.
        var globex = await App.SignInAsync(_globexSlug, globexAdmin.Email!);
        var foreign = $"/{_globexSlug}/companies/{shared.OrganizationId}/edit";
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync(foreign)).StatusCode);
        await globex.PostFormAsync(foreign, Facts("manufacturing", "evil.example"), $"/{_globexSlug}/contacts/new", expect: HttpStatusCode.NotFound);
        // …and under the other company's slug, the cookie is refused.
        Assert.NotEqual(HttpStatusCode.OK, (await globex.GetAsync($"/{_acmeSlug}/companies/{shared.OrganizationId}/edit")).StatusCode);
        Assert.Equal((null, null), ((await OrganizationAsync(acme, shared.OrganizationId!.Value)).Industry, (await OrganizationAsync(acme, shared.OrganizationId!.Value)).Domain));

        // A colleague cannot learn of (or edit) a company known only through someone's Private contact.
        var client = await App.SignInAsync(_acmeSlug, colleague.Email!);
        var privateOnly = $"/{_acmeSlug}/companies/{hidden.OrganizationId}/edit";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(privateOnly)).StatusCode);
        await client.PostFormAsync(privateOnly, Facts("manufacturing", "evil.example"), $"/{_acmeSlug}/contacts/new", expect: HttpStatusCode.NotFound);
        Assert.Null((await OrganizationAsync(acme, hidden.OrganizationId!.Value)).Industry);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{_acmeSlug}/companies/{shared.OrganizationId}/edit")).StatusCode);
    }

    [Fact]
    public async Task The_demo_companies_have_industries_that_discover_filters_by()
    {
        await new NetworkSaaS.Seeds.DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Development").SeedAsync();
        var client = await App.SignInAsync("sakura", "manager@sakura.example", NetworkSaaS.Seeds.DemoSeeder.DemoPassword);

        Assert.Contains("discover-hit", await client.GetStringAsync("/sakura/discover?industry=transport-logistics"), StringComparison.Ordinal);
        Assert.DoesNotContain("discover-hit", await client.GetStringAsync("/sakura/discover?industry=education"), StringComparison.Ordinal);
    }
}

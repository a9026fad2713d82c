using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Tests.Introductions;

public sealed partial class DiscoveryTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    [GeneratedRegex("""<main.*</main>""", RegexOptions.Singleline)]
    private static partial Regex MainContent();

    [GeneratedRegex("""<ol class="list-group[^"]*" id="discover-results">(.*?)</ol>""", RegexOptions.Singleline)]
    private static partial Regex Results();

    private async Task<(Tenant Tenant, AppUser Owner, AppUser Searcher, HttpClient Client)> SetupAsync()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"owner@{_acmeSlug}.test");
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        return (tenant, owner, searcher, await App.SignInAsync(_acmeSlug, searcher.Email!));
    }

    private Task<DiscoveryResult> SearchAsync(Tenant tenant, Guid me, DiscoveryCriteria criteria) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<DiscoverySearch>().SearchAsync(me, criteria, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None));

    [Fact]
    public async Task Shared_contacts_show_details_discoverable_ones_only_role_and_private_ones_leave_no_trace()
    {
        var (tenant, owner, searcher, client) = await SetupAsync();
        await App.CreateContactAsync(tenant, owner.Id, "Visible", "Alice", "トヨタ自動車株式会社", ContactVisibility.Shared, title: "購買部長");
        await App.CreateContactAsync(tenant, owner.Id, "Secretname", "Bob", "Toyota Motor Corporation", ContactVisibility.Discoverable, title: "Purchasing Manager");
        await App.CreateContactAsync(tenant, owner.Id, "Hidden", "Carol", "Toyota Motor Corporation", ContactVisibility.Private, title: "Purchasing Director");
        await App.CreateContactAsync(tenant, owner.Id, "Lonely", "Dave", "Privateonly KK", ContactVisibility.Private, title: "Purchasing Director");

        var byCompany = await client.GetStringAsync($"/{_acmeSlug}/discover?company=toyota+motor");
        Assert.Contains("Purchasing Manager", byCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretname", byCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", byCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("Director", byCompany, StringComparison.Ordinal);
        Assert.Contains("1 people found.", byCompany, StringComparison.Ordinal);
        Assert.Contains("1 colleagues have 1 relationships here.", byCompany, StringComparison.Ordinal);
        Assert.Contains("Risk: only one colleague holds every relationship with this company.", byCompany, StringComparison.Ordinal);

        var kana = await client.GetStringAsync($"/{_acmeSlug}/discover?company=%E3%81%A8%E3%82%88%E3%81%9F"); // とよた finds トヨタ
        Assert.Contains("Alice Visible", kana, StringComparison.Ordinal);
        Assert.Contains("owner", kana, StringComparison.Ordinal);

        // A company known only through a Private contact answers exactly like a company nobody knows.
        var privateOnly = MainContent().Match(await client.GetStringAsync($"/{_acmeSlug}/discover?company=privateonly")).Value;
        var unknown = MainContent().Match(await client.GetStringAsync($"/{_acmeSlug}/discover?company=nosuchco")).Value;
        Assert.Equal(unknown.Replace("nosuchco", "X", StringComparison.Ordinal), privateOnly.Replace("privateonly", "X", StringComparison.Ordinal));
        Assert.Contains("0 people found.", privateOnly, StringComparison.Ordinal);
        var director = await SearchAsync(tenant, searcher.Id, new DiscoveryCriteria { Keywords = "director" });
        Assert.Equal(0, director.Total);
        Assert.Empty(director.Hits);
    }

    [Fact]
    public async Task Results_are_paged_and_the_second_page_shows_the_rest()
    {
        var (tenant, owner, _, client) = await SetupAsync();
        for (var i = 1; i <= DiscoverySearch.PageSize + 5; i++)
        {
            await App.CreateContactAsync(tenant, owner.Id, $"Person{i:000}", "Ann", "Globex", ContactVisibility.Shared, title: "Engineer");
        }

        static List<string> Hits(string html) =>
            [.. Regex.Matches(Results().Match(html).Groups[1].Value, @"Ann (Person\d{3})").Select(m => m.Groups[1].Value).Distinct()];
        var first = await client.GetStringAsync($"/{_acmeSlug}/discover?company=globex");
        var second = await client.GetStringAsync($"/{_acmeSlug}/discover?company=globex&page=2");
        Assert.Equal(DiscoverySearch.PageSize, Hits(first).Count);
        Assert.Contains($"href=\"/{_acmeSlug}/discover?company=globex&amp;page=2\"", first, StringComparison.Ordinal);
        Assert.Equal(5, Hits(second).Count);
        Assert.Empty(Hits(first).Intersect(Hits(second)));
    }

    [Fact]
    public async Task Keywords_match_titles_departments_and_expertise_in_japanese_and_english_and_combine_with_open_to_and_industry()
    {
        var (tenant, owner, searcher, _) = await SetupAsync();
        var buchou = await App.CreateContactAsync(tenant, owner.Id, "Sato", "Ken", "株式会社さくら", ContactVisibility.Discoverable, title: "営業部長");
        var engineer = await App.CreateContactAsync(tenant, owner.Id, "Lee", "Ann", "Globex", ContactVisibility.Shared, title: "Senior Software Engineer");
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var contact = await db.Contacts.SingleAsync(c => c.Id == engineer.Id);
            contact.Expertise = ["Machine learning"];
            contact.OpenTo = OpenTo.Hiring | OpenTo.Advising;
            var globex = await db.Organizations.SingleAsync(o => o.Id == engineer.OrganizationId);
            globex.Industry = "information-communications";
            await db.SaveChangesAsync();
            return 0;
        });

        Assert.Equal([buchou.Id], (await SearchAsync(tenant, searcher.Id, new() { Keywords = "部長" })).Hits.Select(h => h.ContactId));
        Assert.Equal([engineer.Id], (await SearchAsync(tenant, searcher.Id, new() { Keywords = "software ENGINEER" })).Hits.Select(h => h.ContactId));
        Assert.Equal([engineer.Id], (await SearchAsync(tenant, searcher.Id, new() { Keywords = "machine learning", OpenTo = OpenTo.Advising })).Hits.Select(h => h.ContactId));
        Assert.Empty((await SearchAsync(tenant, searcher.Id, new() { Keywords = "engineer", OpenTo = OpenTo.SalesIntroductions })).Hits);
        Assert.Equal([engineer.Id], (await SearchAsync(tenant, searcher.Id, new() { Industry = "software" })).Hits.Select(h => h.ContactId));
        Assert.Equal([engineer.Id], (await SearchAsync(tenant, searcher.Id, new() { Company = "Globx" })).Hits.Select(h => h.ContactId));
        Assert.Empty((await SearchAsync(tenant, owner.Id, new() { Keywords = "engineer" })).Hits);

        // Turning a contact Private removes it from discovery at once (the index follows every write).
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Contacts.SingleAsync(c => c.Id == engineer.Id)).Visibility = ContactVisibility.Private;
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Empty((await SearchAsync(tenant, searcher.Id, new() { Keywords = "engineer" })).Hits);
        Assert.Empty((await SearchAsync(tenant, searcher.Id, new() { Industry = "software" })).Hits);
    }

    [Fact]
    public async Task Ranking_weighs_depth_recent_interactions_and_colleagues_who_know_the_same_person_and_says_why()
    {
        var (tenant, owner, searcher, client) = await SetupAsync();
        var other = await App.CreateUserAsync(tenant, $"other@{_acmeSlug}.test");
        var plain = await App.CreateContactAsync(tenant, owner.Id, "Plain", "Paul", "Initech", ContactVisibility.Shared, title: "CTO", depth: 3);
        var busy = await App.CreateContactAsync(tenant, owner.Id, "Busy", "Bea", "Initech", ContactVisibility.Shared, title: "CFO", depth: 3);
        var known = await App.CreateContactAsync(tenant, owner.Id, "Known", "Kim", "Initech", ContactVisibility.Shared, email: "kim@initech.example", title: "COO", depth: 3);
        await App.CreateContactAsync(tenant, other.Id, "Known", "Kim", "Initech", ContactVisibility.Discoverable, email: "KIM@initech.example", depth: 2);
        await App.CreateContactAsync(tenant, searcher.Id, "Known", "Kim", "Initech", ContactVisibility.Private, email: "kim@initech.example", depth: 1);
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var days in new[] { 3, 20, 45, 100 })
            {
                db.Interactions.Add(new Interaction { ContactId = busy.Id, Kind = InteractionKind.Meal, OccurredOn = today.AddDays(-days), CreatedByUserId = owner.Id, CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var result = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });
        Assert.Equal([busy.Id, known.Id, plain.Id], result.Hits.Where(h => h.Visibility == ContactVisibility.Shared).Select(h => h.ContactId));
        var bea = result.Hits.Single(h => h.ContactId == busy.Id).Strength;
        Assert.Equal((60, 4, 3), (bea.DepthPoints, bea.Interactions, bea.DaysSinceContact));
        Assert.InRange(bea.TouchPoints, 30, 35);
        var kim = result.Hits.Single(h => h.ContactId == known.Id).Strength;
        Assert.Equal((1, 10, 70), (kim.OtherColleagues, kim.ColleaguePoints, kim.Score));
        Assert.Equal(60, result.Hits.Single(h => h.ContactId == plain.Id).Strength.Score);

        var html = System.Net.WebUtility.HtmlDecode(Results().Match(await client.GetStringAsync($"/{_acmeSlug}/discover?company=initech")).Groups[1].Value);
        Assert.Contains("4 interactions, latest 3 days ago", html, StringComparison.Ordinal);
        Assert.Contains("1 other colleagues know this person (+10)", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Bea Busy", StringComparison.Ordinal) < html.IndexOf("Kim Known", StringComparison.Ordinal));
        Assert.True(html.IndexOf("Kim Known", StringComparison.Ordinal) < html.IndexOf("Paul Plain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rare_combination_beyond_the_strongest_postings_of_a_broad_term_is_still_found()
    {
        var (tenant, owner, searcher, _) = await SetupAsync();
        var rare = await App.CreateContactAsync(tenant, owner.Id, "Rare", "Rita", "Initech", ContactVisibility.Discoverable, title: "Engineer", depth: 1);
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Contacts.SingleAsync(c => c.Id == rare.Id)).OpenTo = OpenTo.Advising;
            var now = DateTimeOffset.UtcNow;
            db.Contacts.AddRange(Enumerable.Range(0, DiscoverySearch.ProbeLimit + 50).Select(i => new Contact
            {
                OwnerId = owner.Id, DisplayName = $"Engineer {i}", SortKey = $"engineer {i:0000}", Title = "Engineer", Depth = 5,
                Visibility = ContactVisibility.Discoverable, CreatedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
            return 0;
        });

        var result = await SearchAsync(tenant, searcher.Id, new() { Keywords = "engineer", OpenTo = OpenTo.Advising });

        Assert.Equal([rare.Id], result.Hits.Select(h => h.ContactId));
        Assert.Equal(DiscoverySearch.CandidateLimit, (await SearchAsync(tenant, searcher.Id, new() { Keywords = "engineer" })).Total);
    }
}

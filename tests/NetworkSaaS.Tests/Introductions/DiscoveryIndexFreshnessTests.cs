using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>
/// Each process keeps its own in-memory discovery index: a second app instance on the same database (another web
/// process) must see every change written through the first one on its very next search, including the changes that
/// do not touch the contact row (a backdated interaction, a colleague's department renamed or deactivated).
/// </summary>
public sealed class DiscoveryIndexFreshnessTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _globexSlug = Slug("globex");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static Task<DiscoveryResult> SearchAsync(TestApp app, Tenant tenant, Guid me, DiscoveryCriteria criteria) =>
        app.InTenantAsync(tenant, sp => sp.GetRequiredService<DiscoverySearch>().SearchAsync(me, criteria, Today, CancellationToken.None));

    private Task WriteAsync(Tenant tenant, Func<AppDbContext, Task> change) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await change(db);
            await db.SaveChangesAsync();
            return 0;
        });

    [Fact]
    public async Task A_second_instance_sees_every_change_written_through_the_first_on_its_next_search()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var ann = await App.CreateUserAsync(tenant, $"ann@{_acmeSlug}.test");
        var ben = await App.CreateUserAsync(tenant, $"ben@{_acmeSlug}.test");
        var sales = new Department { Name = "Sales" };
        await WriteAsync(tenant, async db =>
        {
            db.Departments.Add(sales);
            (await db.Users.SingleAsync(u => u.Id == ann.Id)).DepartmentId = sales.Id;
        });
        var kim = await App.CreateContactAsync(tenant, ann.Id, "Known", "Kim", "Initech", ContactVisibility.Shared, title: "CTO", depth: 3);
        var dan = await App.CreateContactAsync(tenant, ann.Id, "Deep", "Dan", "Initech", ContactVisibility.Shared, title: "CFO", depth: 3);
        await using var other = new TestApp(App.Connections);
        _ = other.Server;
        var initech = new DiscoveryCriteria { Company = "initech" };

        var warm = await SearchAsync(other, tenant, searcher.Id, initech);
        Assert.Equal([.. new[] { kim.Id, dan.Id }.Order()], warm.Hits.Select(h => h.ContactId));
        Assert.All(warm.Hits, h => Assert.Equal("Sales", h.OwnerDepartment));

        // A backdated interaction does not touch the contact, yet it raises the score: the second contact comes first.
        var second = warm.Hits[1].ContactId;
        await WriteAsync(tenant, db =>
        {
            db.Interactions.Add(new Interaction { ContactId = second, Kind = InteractionKind.Meeting, OccurredOn = Today.AddDays(-10), CreatedByUserId = ann.Id, CreatedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });
        var afterInteraction = await SearchAsync(other, tenant, searcher.Id, initech);
        Assert.Equal(second, afterInteraction.Hits[0].ContactId);
        Assert.Equal(1, afterInteraction.Hits[0].Strength.Interactions);

        // The department is renamed: the second instance shows the new name.
        await WriteAsync(tenant, async db => (await db.Departments.SingleAsync(d => d.Id == sales.Id)).Name = "Field sales");
        Assert.All((await SearchAsync(other, tenant, searcher.Id, initech)).Hits, h => Assert.Equal("Field sales", h.OwnerDepartment));

        // Kim is turned Private, Dan's use is stopped: both gone at once.
        await WriteAsync(tenant, async db => (await db.Contacts.SingleAsync(c => c.Id == kim.Id)).Visibility = ContactVisibility.Private);
        Assert.Equal([dan.Id], (await SearchAsync(other, tenant, searcher.Id, initech)).Hits.Select(h => h.ContactId));
        await WriteAsync(tenant, async db => (await db.Contacts.SingleAsync(c => c.Id == dan.Id)).UseStopped = true);
        Assert.Empty((await SearchAsync(other, tenant, searcher.Id, initech)).Hits);

        // A new Shared contact of Ben's is found at once, by company and by title.
        var new_ = await App.CreateContactAsync(tenant, ben.Id, "New", "Nao", "Initech", ContactVisibility.Shared, title: "Buyer", depth: 2);
        Assert.Equal([new_.Id], (await SearchAsync(other, tenant, searcher.Id, initech)).Hits.Select(h => h.ContactId));
        Assert.Equal([new_.Id], (await SearchAsync(other, tenant, searcher.Id, new() { Keywords = "buyer" })).Hits.Select(h => h.ContactId));

        // Ben is deactivated: his contact no longer counts, in results or in coverage.
        await WriteAsync(tenant, async db => (await db.Users.SingleAsync(u => u.Id == ben.Id)).IsActive = false);
        Assert.Empty((await SearchAsync(other, tenant, searcher.Id, initech)).Hits);
        Assert.Empty(await other.InTenantAsync(tenant, sp => sp.GetRequiredService<AccountCoverage>().ForAsync([new_.OrganizationId!.Value], CancellationToken.None)));
    }

    [Fact]
    public async Task An_organization_given_an_industry_is_found_by_it_in_a_second_instance()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var ann = await App.CreateUserAsync(tenant, $"ann@{_acmeSlug}.test");
        var kim = await App.CreateContactAsync(tenant, ann.Id, "Known", "Kim", "Initech", ContactVisibility.Discoverable, title: "CTO", depth: 3);
        await using var other = new TestApp(App.Connections);
        _ = other.Server;
        var byIndustry = new DiscoveryCriteria { Industry = "construction" };
        Assert.Empty((await SearchAsync(other, tenant, searcher.Id, byIndustry)).Hits);

        await WriteAsync(tenant, async db => (await db.Organizations.SingleAsync(o => o.Id == kim.OrganizationId)).Industry = "construction");

        Assert.Equal([kim.Id], (await SearchAsync(other, tenant, searcher.Id, byIndustry)).Hits.Select(h => h.ContactId));
    }

    [Fact]
    public async Task An_organization_renamed_through_the_first_instance_is_found_by_its_new_name_in_the_second()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var ann = await App.CreateUserAsync(tenant, $"ann@{_acmeSlug}.test");
        var kim = await App.CreateContactAsync(tenant, ann.Id, "Known", "Kim", "Initech", ContactVisibility.Shared, title: "CTO", depth: 3);
        await using var other = new TestApp(App.Connections);
        _ = other.Server;
        Assert.Equal([kim.Id], (await SearchAsync(other, tenant, searcher.Id, new() { Company = "initech" })).Hits.Select(h => h.ContactId));

        await WriteAsync(tenant, async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == kim.OrganizationId);
            organization.Name = "株式会社イニテック";
            organization.NormalizedName = OrganizationNames.Normalize(organization.Name);
        });

        Assert.Empty((await SearchAsync(other, tenant, searcher.Id, new() { Company = "initech" })).Hits);
        var renamed = await SearchAsync(other, tenant, searcher.Id, new() { Company = "イニテック" });
        Assert.Equal([kim.Id], renamed.Hits.Select(h => h.ContactId));
        var coverage = await other.InTenantAsync(tenant, sp => sp.GetRequiredService<AccountCoverage>().ForAsync(renamed.OrganizationIds, CancellationToken.None));
        Assert.Equal("株式会社イニテック", Assert.Single(coverage).OrganizationName);
    }

    [Fact]
    public async Task A_colleague_given_expertise_through_the_first_instance_is_found_as_an_expert_in_the_second()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var ann = await App.CreateUserAsync(tenant, $"ann@{_acmeSlug}.test");
        await using var other = new TestApp(App.Connections);
        _ = other.Server;
        Task<IReadOnlyList<ColleagueExpert>> ExpertsAsync(string keywords) =>
            other.InTenantAsync(tenant, sp => sp.GetRequiredService<ColleagueExpertise>().FindAsync(searcher.Id, keywords, CancellationToken.None));
        Assert.Empty(await ExpertsAsync("kubernetes"));

        await WriteAsync(tenant, async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == ann.Id);
            user.ExpertiseTags = ["Kubernetes", "物流"];
            user.Title = "Platform lead";
        });
        var expert = Assert.Single(await ExpertsAsync("KUBERNETES"));
        Assert.Equal((ann.Id, "Platform lead", $"ann@{_acmeSlug}.test"), (expert.UserId, expert.Title, expert.Email));
        Assert.Equal(new[] { "Kubernetes", "物流" }, expert.Expertise);

        await WriteAsync(tenant, async db => (await db.Users.SingleAsync(u => u.Id == ann.Id)).ExpertiseTags = ["Go"]);
        Assert.Empty(await ExpertsAsync("kubernetes"));
    }

    [Fact]
    public async Task An_organization_known_only_privately_or_only_to_a_leaver_is_never_matched()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var searcher = await App.CreateUserAsync(tenant, $"searcher@{_acmeSlug}.test");
        var ann = await App.CreateUserAsync(tenant, $"ann@{_acmeSlug}.test");
        var leaver = await App.CreateUserAsync(tenant, $"leaver@{_acmeSlug}.test");
        await App.CreateContactAsync(tenant, ann.Id, "Private", "Pat", "Hooli", ContactVisibility.Private, title: "CEO", depth: 3);
        await App.CreateContactAsync(tenant, leaver.Id, "Left", "Lee", "Vandelay", ContactVisibility.Shared, title: "CEO", depth: 3);
        await WriteAsync(tenant, async db => (await db.Users.SingleAsync(u => u.Id == leaver.Id)).IsActive = false);

        Task<IReadOnlyList<Guid>> MatchAsync(string company) =>
            App.InTenantAsync(tenant, sp => sp.GetRequiredService<DiscoverySearch>().MatchOrganizationsAsync(company, CancellationToken.None));
        Assert.Empty(await MatchAsync("hooli"));
        Assert.Empty(await MatchAsync("hoolie"));
        Assert.Empty(await MatchAsync("vandelay"));
        Assert.Empty(await MatchAsync("vandelai"));

        await WriteAsync(tenant, async db => (await db.Users.SingleAsync(u => u.Id == leaver.Id)).IsActive = true);
        Assert.Single(await MatchAsync("vandelay"));
        Assert.Single(await MatchAsync("vandelai"));
    }

    [Fact]
    public async Task Two_tenants_never_share_an_index()
    {
        var (acme, _) = await App.CreateTenantAsync(_acmeSlug);
        var (globex, _) = await App.CreateTenantAsync(_globexSlug);
        var acmeSearcher = await App.CreateUserAsync(acme, $"searcher@{_acmeSlug}.test");
        var acmeOwner = await App.CreateUserAsync(acme, $"owner@{_acmeSlug}.test");
        var globexOwner = await App.CreateUserAsync(globex, $"owner@{_globexSlug}.test");
        var mine = await App.CreateContactAsync(acme, acmeOwner.Id, "Acme", "Ann", "Initech", ContactVisibility.Shared, title: "Buyer");
        var theirs = await App.CreateContactAsync(globex, globexOwner.Id, "Globex", "Gil", "Initech", ContactVisibility.Shared, title: "Buyer");

        Assert.Equal([mine.Id], (await SearchAsync(App, acme, acmeSearcher.Id, new() { Keywords = "buyer" })).Hits.Select(h => h.ContactId));
        Assert.Equal([mine.Id], (await SearchAsync(App, acme, acmeSearcher.Id, new() { Company = "initech" })).Hits.Select(h => h.ContactId));
        var acmeIndex = await App.InTenantAsync(acme, sp => sp.GetRequiredService<DiscoveryIndexSource>().CheckedAsync(CancellationToken.None));
        var globexIndex = await App.InTenantAsync(globex, sp => sp.GetRequiredService<DiscoveryIndexSource>().CheckedAsync(CancellationToken.None));
        Assert.NotSame(acmeIndex, globexIndex);
        Assert.Equal((acme.Id, 1), (acmeIndex.TenantId, acmeIndex.ContactCount));
        Assert.Equal((globex.Id, 1), (globexIndex.TenantId, globexIndex.ContactCount));
        Assert.Equal([theirs.Id], (await SearchAsync(App, globex, Guid.NewGuid(), new() { Keywords = "buyer" })).Hits.Select(h => h.ContactId));
    }
}

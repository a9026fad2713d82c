using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>
/// Discovery by company reads a partial index of findable contacts and ranks in one statement: a contact turned
/// Private, a contact whose use was stopped and every contact of a deactivated colleague leave results, counts,
/// coverage and the ranking of others on the very next search.
/// </summary>
public sealed class DiscoveryVisibilityChangeTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private Task<T> InTenantAsync<T>(Tenant tenant, Func<AppDbContext, IServiceProvider, Task<T>> work) =>
        App.InTenantAsync(tenant, sp => work(sp.GetRequiredService<AppDbContext>(), sp));

    private Task<DiscoveryResult> SearchAsync(Tenant tenant, Guid me, DiscoveryCriteria criteria) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<DiscoverySearch>().SearchAsync(me, criteria, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None));

    private Task<IReadOnlyList<Coverage>> CoverageAsync(Tenant tenant, Guid organizationId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AccountCoverage>().ForAsync([organizationId], CancellationToken.None));

    private Task ChangeContactAsync(Tenant tenant, Guid contactId, Action<Contact> change) =>
        InTenantAsync(tenant, async (db, _) =>
        {
            change(await db.Contacts.SingleAsync(c => c.Id == contactId));
            await db.SaveChangesAsync();
            return 0;
        });

    [Fact]
    public async Task Private_use_stopped_and_leavers_contacts_leave_company_results_counts_coverage_and_ranking_at_once()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var searcher = await App.CreateUserAsync(tenant, "searcher@acme.test");
        var ann = await App.CreateUserAsync(tenant, "ann@acme.test");
        var ben = await App.CreateUserAsync(tenant, "ben@acme.test");
        var cho = await App.CreateUserAsync(tenant, "cho@acme.test");
        var known = await App.CreateContactAsync(tenant, ann.Id, "Known", "Kim", "Initech", ContactVisibility.Shared, email: "kim@initech.example", title: "CTO", depth: 3);
        var deep = await App.CreateContactAsync(tenant, ann.Id, "Deep", "Dan", "Initech", ContactVisibility.Shared, title: "CFO", depth: 4);
        var twin = await App.CreateContactAsync(tenant, ben.Id, "Known", "Kim", "Initech", ContactVisibility.Discoverable, email: "kim@initech.example", title: "CTO", depth: 2);
        var stopped = await App.CreateContactAsync(tenant, cho.Id, "Stop", "Sam", "Initech", ContactVisibility.Shared, title: "COO", depth: 5);
        var organizationId = known.OrganizationId!.Value;

        var before = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });
        Assert.Equal([stopped.Id, deep.Id, known.Id, twin.Id], before.Hits.Select(h => h.ContactId));
        Assert.Equal(1, before.Hits.Single(h => h.ContactId == known.Id).Strength.OtherColleagues);
        Assert.Equal((3, 4), (await CoverageAsync(tenant, organizationId)).Select(c => (c.Colleagues, c.Relationships)).Single());

        // Ben turns his contact Private: it is gone, and Kim no longer counts Ben as another colleague who knows her.
        await ChangeContactAsync(tenant, twin.Id, c => c.Visibility = ContactVisibility.Private);
        var afterPrivate = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });
        Assert.Equal([stopped.Id, deep.Id, known.Id], afterPrivate.Hits.Select(h => h.ContactId));
        Assert.Equal(3, afterPrivate.Total);
        Assert.Equal(0, afterPrivate.Hits.Single(h => h.ContactId == known.Id).Strength.OtherColleagues);
        Assert.Equal((2, 3), (await CoverageAsync(tenant, organizationId)).Select(c => (c.Colleagues, c.Relationships)).Single());

        // Use of Sam's data is stopped (利用停止): gone from results, counts and coverage.
        await ChangeContactAsync(tenant, stopped.Id, c => c.UseStopped = true);
        var afterStop = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });
        Assert.Equal([deep.Id, known.Id], afterStop.Hits.Select(h => h.ContactId));
        Assert.Equal((1, 2), (await CoverageAsync(tenant, organizationId)).Select(c => (c.Colleagues, c.Relationships)).Single());
        Assert.Empty((await SearchAsync(tenant, searcher.Id, new() { Keywords = "COO" })).Hits);

        // Ann is deactivated and her handover is still pending (her contacts are still hers): the company answers as if
        // nobody knew anyone there. (UserDeactivation hands Shared and Discoverable contacts over at once; this is the
        // state a leaver's contacts are in until then, e.g. a directory deactivation.)
        await InTenantAsync(tenant, async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.Id == ann.Id)).IsActive = false;
            await db.SaveChangesAsync();
            return 0;
        });
        var afterLeaving = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });
        Assert.Empty(afterLeaving.Hits);
        Assert.Equal(0, afterLeaving.Total);
        Assert.Empty(await CoverageAsync(tenant, organizationId));
        Assert.Empty((await SearchAsync(tenant, searcher.Id, new() { Keywords = "CTO" })).Hits);
    }

    [Fact]
    public async Task Company_search_stops_at_the_strongest_contacts_of_each_company_and_ranks_them_across_companies()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var searcher = await App.CreateUserAsync(tenant, "searcher@acme.test");
        var owner = await App.CreateUserAsync(tenant, "owner@acme.test");
        var strong = await App.CreateContactAsync(tenant, owner.Id, "Strong", "Sue", "Initech Japan", ContactVisibility.Discoverable, title: "CEO", depth: 5);
        await InTenantAsync(tenant, async (db, _) =>
        {
            var initech = await db.Organizations.SingleAsync(o => o.Name == "Initech Japan");
            var now = DateTimeOffset.UtcNow;
            db.Contacts.AddRange(Enumerable.Range(0, DiscoverySearch.CandidateLimit + 10).Select(i => new Contact
            {
                OwnerId = owner.Id, DisplayName = $"Weak {i}", SortKey = $"weak {i:000}", Title = "Engineer", Depth = 1, OrganizationId = initech.Id,
                CompanyName = "Initech Japan", Visibility = ContactVisibility.Shared, CreatedAt = now, UpdatedAt = now,
            }));
            db.Contacts.AddRange(Enumerable.Range(0, 5).Select(i => new Contact
            {
                OwnerId = owner.Id, DisplayName = $"Hidden {i}", SortKey = $"hidden {i:000}", Title = "Engineer", Depth = 5, OrganizationId = initech.Id,
                CompanyName = "Initech Japan", Visibility = ContactVisibility.Private, CreatedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
            return 0;
        });
        var other = await App.CreateContactAsync(tenant, owner.Id, "Other", "Oz", "Initech Europe", ContactVisibility.Shared, title: "CTO", depth: 4);

        var result = await SearchAsync(tenant, searcher.Id, new() { Company = "initech" });

        Assert.Equal(DiscoverySearch.CandidateLimit, result.Total);
        Assert.True(result.TotalIsCapped);
        Assert.Equal([strong.Id, other.Id], result.Hits.Take(2).Select(h => h.ContactId));
        Assert.DoesNotContain(result.Hits, h => h.DisplayName?.StartsWith("Hidden", StringComparison.Ordinal) == true);
        var last = await SearchAsync(tenant, searcher.Id, new() { Company = "initech", Page = 99 });
        Assert.Equal(DiscoverySearch.CandidateLimit / DiscoverySearch.PageSize, last.Page);
        Assert.Equal(DiscoverySearch.PageSize, last.Hits.Count);
    }
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Isolation;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Handover;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Handover;

/// <summary>Handover when a colleague leaves: deactivation, the leaver's own decisions, both company policies, the deletion job.</summary>
public sealed class HandoverTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _bravoSlug = Slug("bravo");

    private readonly SettableClock _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private sealed record Company(Tenant Tenant, AppUser Admin, AppUser Leaver, AppUser Manager, AppUser Colleague, Guid DepartmentId);

    /// <summary>A leaver in Sales, Sales' manager, and a colleague in no department.</summary>
    private async Task<Company> CompanyAsync(string? slug = null)
    {
        slug ??= _acmeSlug;
        var (tenant, admin) = await App.CreateTenantAsync(slug);
        var leaver = await App.CreateUserAsync(tenant, $"leaver@{slug}.test");
        var manager = await App.CreateUserAsync(tenant, $"manager@{slug}.test", Roles.Manager);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{slug}.test");
        var departmentId = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var sales = new Department { Name = "Sales" };
            db.Departments.Add(sales);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == leaver.Id || u.Id == manager.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, sales.Id));
            return sales.Id;
        });
        return new Company(tenant, admin, leaver, manager, colleague, departmentId);
    }

    private Task<T> DbAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> work) =>
        App.InTenantAsync(tenant, sp => work(sp.GetRequiredService<AppDbContext>()));

    private Task<bool> DeactivateAsync(ITenantInfo tenant, Guid userId, Guid? proposedSuccessorId) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString()))!;
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync(user, proposedSuccessorId, CancellationToken.None);
            return true;
        });

    private Task<int> RunDeletionJobAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<LeaverContactDeletionJob>().RunAsync(tenant.Id, CancellationToken.None));

    private Task<Guid> OwnerOfAsync(ITenantInfo tenant, Guid contactId) =>
        DbAsync(tenant, db => db.Contacts.Where(c => c.Id == contactId).Select(c => c.OwnerId).SingleAsync());

    private async Task SetPolicyAsync(Tenant tenant, AppUser admin, LeaverPrivateContactPolicy policy, int days = 30)
    {
        var client = await App.SignInAsync(tenant.Slug, admin.Email!);
        await client.PostFormAsync($"/{tenant.Slug}/admin/settings?handler=LeaverPolicy",
            new() { ["leaverPolicy"] = policy.ToString(), ["leaverDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"/{tenant.Slug}/admin/settings");
    }

    [Fact]
    public async Task Deactivation_through_UserDeactivation_starts_the_handover_with_the_proposed_successor()
    {
        var c = await CompanyAsync();
        var shared = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Shared", "Sam", "Globex", ContactVisibility.Shared);
        var discoverable = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Disco", "Dana", "Globex", ContactVisibility.Discoverable);
        var hidden = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Hidden", "Hana", "Globex", ContactVisibility.Private);

        await DeactivateAsync(c.Tenant, c.Leaver.Id, c.Colleague.Id);

        // The directory's proposal beats the department's manager; Shared and Discoverable go at once, Private waits for the policy.
        var handover = await DbAsync(c.Tenant, db => db.LeaverHandovers.SingleAsync(h => h.LeaverId == c.Leaver.Id));
        Assert.Equal(c.Colleague.Id, handover.SuccessorId);
        Assert.NotNull(handover.StartedAt);
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, shared.Id));
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, discoverable.Id));
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, hidden.Id));
        var history = await DbAsync(c.Tenant, db => db.ContactHandovers.OrderBy(h => h.ContactId).ToListAsync());
        Assert.Equal(new[] { discoverable.Id, shared.Id }.Order(), history.Select(h => h.ContactId).Order());
        Assert.All(history, h => Assert.Equal((c.Leaver.Id, c.Colleague.Id, (Guid?)null), (h.FromUserId, h.ToUserId, h.ByUserId)));

        // The successor is told once, with the list on their handover page.
        var notes = await DbAsync(c.Tenant, db => db.Notifications.Where(n => n.Kind == NotificationKinds.HandoverReceived).ToListAsync());
        Assert.Equal((c.Colleague.Id, (Guid?)c.Leaver.Id), (Assert.Single(notes).UserId, notes[0].ActorId));
        var successor = await App.SignInAsync(_acmeSlug, c.Colleague.Email!);
        var page = await successor.GetStringAsync($"/{_acmeSlug}/account/handover");
        Assert.Contains("Sam Shared", page, StringComparison.Ordinal);
        Assert.Contains("Dana Disco", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", page, StringComparison.Ordinal);
        Assert.Contains("A colleague who left handed relationships over to you", await successor.GetStringAsync($"/{_acmeSlug}/notifications"), StringComparison.Ordinal);
        var opened = await successor.PostFormAsync($"/{_acmeSlug}/notifications?handler=Open", new() { ["notificationId"] = notes[0].Id.ToString() }, $"/{_acmeSlug}/notifications");
        Assert.Equal($"/{_acmeSlug}/account/handover", opened.Headers.Location!.OriginalString);
        Assert.Contains(await DbAsync(c.Tenant, db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == AuditActions.HandoverStarted);
    }

    [Fact]
    public async Task Without_a_choice_the_department_manager_takes_over_else_an_admin()
    {
        var c = await CompanyAsync();
        var inSales = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Sales", "Contact", "Globex", ContactVisibility.Shared);
        var ofColleague = await App.CreateContactAsync(c.Tenant, c.Colleague.Id, "Nodept", "Contact", "Globex", ContactVisibility.Shared);

        // A proposal that cannot take over (the leaver, a colleague who left) falls back to the default.
        await DeactivateAsync(c.Tenant, c.Leaver.Id, c.Leaver.Id);
        await DeactivateAsync(c.Tenant, c.Colleague.Id, c.Leaver.Id);

        Assert.Equal(c.Manager.Id, await OwnerOfAsync(c.Tenant, inSales.Id));
        Assert.Equal(c.Admin.Id, await OwnerOfAsync(c.Tenant, ofColleague.Id));
    }

    [Fact]
    public async Task A_successor_planned_on_the_offboarding_page_takes_over_at_the_deactivation_there()
    {
        var c = await CompanyAsync();
        var shared = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Shared", "Sam", "Globex", ContactVisibility.Shared);
        var admin = await App.SignInAsync(_acmeSlug, c.Admin.Email!);
        var userPage = await admin.GetStringAsync($"/{_acmeSlug}/admin/users/{c.Leaver.Id}");
        Assert.Contains($"/{_acmeSlug}/admin/users/{c.Leaver.Id}/offboarding", userPage, StringComparison.Ordinal);
        var offboarding = $"/{_acmeSlug}/admin/users/{c.Leaver.Id}/offboarding";
        var before = await admin.GetStringAsync(offboarding);
        Assert.Contains($"<option value=\"{c.Manager.Id}\" selected=\"selected\">", before, StringComparison.Ordinal); // department manager by default

        await admin.PostFormAsync($"{offboarding}?handler=Plan", new() { ["successorId"] = c.Colleague.Id.ToString() }, offboarding);
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, shared.Id)); // planning hands nothing over
        var deactivated = await admin.PostFormAsync($"/{_acmeSlug}/admin/users/{c.Leaver.Id}?handler=Deactivate",
            new() { ["successorId"] = c.Colleague.Id.ToString() }, offboarding);
        Assert.Equal(offboarding, deactivated.Headers.Location!.OriginalString);
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, shared.Id));

        // Per contact, an Admin can send a handed-over contact on to someone else.
        await admin.PostFormAsync($"{offboarding}?handler=HandOver",
            new() { ["successorId"] = c.Manager.Id.ToString(), ["contactIds"] = shared.Id.ToString(), ["all"] = "false" }, offboarding);
        Assert.Equal(c.Manager.Id, await OwnerOfAsync(c.Tenant, shared.Id));
        Assert.Contains("Formerly known by leaver", await (await App.SignInAsync(_acmeSlug, c.Manager.Email!)).GetStringAsync($"/{_acmeSlug}/contacts/{shared.Id}"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_delete_policy_the_leavers_decisions_apply_and_undecided_private_contacts_are_deleted_after_N_days_once()
    {
        var c = await CompanyAsync();
        await SetPolicyAsync(c.Tenant, c.Admin, LeaverPrivateContactPolicy.DeleteAfterDays, days: 10);
        var keep = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Keep", "Kei", "Globex");
        var drop = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Drop", "Dai", "Globex");
        var undecided = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Undecided", "Uma", "Globex");
        var shared = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Shared", "Sam", "Globex", ContactVisibility.Shared);

        var leaver = await App.SignInAsync(_acmeSlug, c.Leaver.Email!);
        var own = await leaver.GetStringAsync($"/{_acmeSlug}/account/handover");
        Assert.Contains("are deleted 10 days after your deactivation", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Shared", own, StringComparison.Ordinal); // only Private ones need a decision
        await leaver.PostFormAsync($"/{_acmeSlug}/account/handover?handler=DecideAll", new() { ["decision"] = "Delete" }, $"/{_acmeSlug}/account/handover");
        await leaver.PostFormAsync($"/{_acmeSlug}/account/handover?handler=Decide", new()
        {
            [$"Decisions[{keep.Id}]"] = "HandOver", [$"Decisions[{undecided.Id}]"] = "",
        }, $"/{_acmeSlug}/account/handover");
        // Someone else's contact, or a Shared one, is not the leaver's to decide about.
        await leaver.PostFormAsync($"/{_acmeSlug}/account/handover?handler=Decide", new() { [$"Decisions[{shared.Id}]"] = "Delete" }, $"/{_acmeSlug}/account/handover",
            expect: HttpStatusCode.NotFound);
        Assert.Equal(
            new[] { (keep.Id, PrivateContactDecision.HandOver), (drop.Id, PrivateContactDecision.Delete) },
            (await DbAsync(c.Tenant, db => db.LeaverContactDecisions.ToListAsync())).Select(d => (d.ContactId, d.Decision)).OrderBy(d => d.Item2));

        var admin = await App.SignInAsync(_acmeSlug, c.Admin.Email!);
        var offboarding = $"/{_acmeSlug}/admin/users/{c.Leaver.Id}/offboarding";
        await admin.PostFormAsync($"/{_acmeSlug}/admin/users/{c.Leaver.Id}?handler=Deactivate", new() { ["successorId"] = c.Colleague.Id.ToString() }, offboarding);
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, keep.Id));
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, shared.Id));
        Assert.False(await DbAsync(c.Tenant, db => db.Contacts.AnyAsync(x => x.Id == drop.Id)));
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, undecided.Id));

        // The policy does not let an Admin take an undecided Private contact, not even with a reason.
        await admin.PostFormAsync($"{offboarding}?handler=HandOver", new()
        {
            ["successorId"] = c.Colleague.Id.ToString(), ["contactIds"] = undecided.Id.ToString(), ["reason"] = "Key account",
        }, offboarding, expect: HttpStatusCode.NotFound);
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, undecided.Id));

        _clock.UtcNow = _clock.UtcNow.AddDays(9);
        Assert.Equal(0, await RunDeletionJobAsync(c.Tenant));
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, undecided.Id));
        _clock.UtcNow = _clock.UtcNow.AddDays(2);
        Assert.Equal(1, await RunDeletionJobAsync(c.Tenant));
        Assert.Equal(0, await RunDeletionJobAsync(c.Tenant));
        Assert.False(await DbAsync(c.Tenant, db => db.Contacts.AnyAsync(x => x.Id == undecided.Id)));
        Assert.True(await DbAsync(c.Tenant, db => db.Contacts.AnyAsync(x => x.Id == keep.Id)));
        Assert.Equal(1, await DbAsync(c.Tenant, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeaverContactsDeleted)));
    }

    [Fact]
    public async Task The_deletion_job_leaves_reactivated_colleagues_and_companies_with_the_admin_policy_alone()
    {
        var c = await CompanyAsync();
        var (other, otherAdmin) = await App.CreateTenantAsync(_bravoSlug);
        var otherLeaver = await App.CreateUserAsync(other, $"leaver@{_bravoSlug}.test");
        var otherPrivate = await App.CreateContactAsync(other, otherLeaver.Id, "Bravo", "Private", "Globex");
        await SetPolicyAsync(other, otherAdmin, LeaverPrivateContactPolicy.AdminMayHandOver);
        var back = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Back", "Again", "Globex");
        await DeactivateAsync(c.Tenant, c.Leaver.Id, null);
        await DeactivateAsync(other, otherLeaver.Id, null);
        await App.InTenantAsync(c.Tenant, async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(c.Leaver.Id.ToString()))!;
            await sp.GetRequiredService<UserDeactivation>().ReactivateAsync(user, CancellationToken.None);
            return true;
        });

        _clock.UtcNow = _clock.UtcNow.AddDays(400);
        Assert.Equal(0, await RunDeletionJobAsync(c.Tenant));
        Assert.Equal(0, await RunDeletionJobAsync(other));
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, back.Id));
        Assert.Equal(otherLeaver.Id, await OwnerOfAsync(other, otherPrivate.Id));
    }

    [Fact]
    public async Task Under_the_admin_policy_an_admin_hands_over_undecided_private_contacts_only_with_a_reason_that_is_audited()
    {
        var c = await CompanyAsync();
        await SetPolicyAsync(c.Tenant, c.Admin, LeaverPrivateContactPolicy.AdminMayHandOver);
        var undecided = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Secretive", "Sora", "Globex", title: "Buyer");
        var discoverable = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Disco", "Dana", "Globex", ContactVisibility.Discoverable);
        await DeactivateAsync(c.Tenant, c.Leaver.Id, null);
        Assert.Equal(c.Manager.Id, await OwnerOfAsync(c.Tenant, discoverable.Id));

        var admin = await App.SignInAsync(_acmeSlug, c.Admin.Email!);
        var offboarding = $"/{_acmeSlug}/admin/users/{c.Leaver.Id}/offboarding";
        var page = await admin.GetStringAsync(offboarding);
        Assert.Contains("Buyer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretive", page, StringComparison.Ordinal); // a Private contact's name stays hidden from the Admin
        var refused = await admin.PostFormAsync($"{offboarding}?handler=HandOver",
            new() { ["successorId"] = c.Colleague.Id.ToString(), ["all"] = "true" }, offboarding, expect: HttpStatusCode.OK);
        Assert.Contains("Give the reason", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(c.Leaver.Id, await OwnerOfAsync(c.Tenant, undecided.Id));

        await admin.PostFormAsync($"{offboarding}?handler=HandOver", new()
        {
            ["successorId"] = c.Colleague.Id.ToString(), ["contactIds"] = undecided.Id.ToString(), ["all"] = "false", ["reason"] = "Key account for the Osaka deal",
        }, offboarding);
        Assert.Equal(c.Colleague.Id, await OwnerOfAsync(c.Tenant, undecided.Id));
        var audit = await DbAsync(c.Tenant, db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PrivateContactHandedOver));
        Assert.Equal((c.Admin.Id, c.Leaver.Email), (audit.ActorUserId!.Value, audit.Subject));
        Assert.Contains("Key account for the Osaka deal", audit.Details, StringComparison.Ordinal);
        var row = await DbAsync(c.Tenant, db => db.ContactHandovers.SingleAsync(h => h.ContactId == undecided.Id));
        Assert.Equal(("Key account for the Osaka deal", (Guid?)c.Admin.Id), (row.Reason, row.ByUserId));
        Assert.Equal(2, await DbAsync(c.Tenant, db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.HandoverReceived)));

        // An Admin cannot hand over before the colleague has left.
        await admin.PostFormAsync($"/{_acmeSlug}/admin/users/{c.Colleague.Id}/offboarding?handler=HandOver",
            new() { ["successorId"] = c.Manager.Id.ToString(), ["all"] = "true", ["reason"] = "x" }, $"/{_acmeSlug}/admin/users/{c.Colleague.Id}/offboarding",
            expect: HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_handed_over_contact_keeps_interactions_and_introductions_and_shows_formerly_known_by_and_the_requester_is_offered_the_successor()
    {
        var c = await CompanyAsync();
        var contact = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Tanaka", "Ichiro", "Globex", ContactVisibility.Shared, email: "tanaka@globex.test");
        var requester = await App.CreateUserAsync(c.Tenant, $"requester@{_acmeSlug}.test");
        await App.InTenantAsync(c.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var tracked = await db.Contacts.SingleAsync(x => x.Id == contact.Id);
            await sp.GetRequiredService<InteractionLog>().AddAsync(tracked, InteractionKind.Meal, DateOnly.FromDateTime(DateTime.UtcNow), "Lunch in Umeda", c.Leaver.Id, CancellationToken.None);
            await db.SaveChangesAsync();
            return true;
        });
        var requested = await App.InTenantAsync(c.Tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(requester.Id,
            new IntroductionInput(contact.Id, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(requested.Succeeded);

        await DeactivateAsync(c.Tenant, c.Leaver.Id, null);

        var manager = await App.SignInAsync(_acmeSlug, c.Manager.Email!);
        var details = await manager.GetStringAsync($"/{_acmeSlug}/contacts/{contact.Id}");
        Assert.Contains("Formerly known by leaver", details, StringComparison.Ordinal);
        Assert.Contains("Lunch in Umeda", details, StringComparison.Ordinal);
        var introduction = await DbAsync(c.Tenant, db => db.IntroductionRequests.SingleAsync(r => r.Id == requested.RequestId));
        Assert.Equal((contact.Id, IntroductionState.ConnectorInactive), (introduction.ContactId!.Value, introduction.State));

        // The requester whose request closed because the connector left is offered the colleague who took over.
        var requesterClient = await App.SignInAsync(_acmeSlug, requester.Email!);
        var closed = await requesterClient.GetStringAsync($"/{_acmeSlug}/introductions/{requested.RequestId}");
        Assert.Contains("id=\"successor-offer\"", closed, StringComparison.Ordinal);
        Assert.Contains($"/{_acmeSlug}/introductions/new?contact={contact.Id}", closed, StringComparison.Ordinal);
        Assert.Contains("manager took over leaver", closed, StringComparison.Ordinal);
        var again = await App.InTenantAsync(c.Tenant, sp => sp.GetRequiredService<IntroductionService>().RequestAsync(requester.Id,
            new IntroductionInput(contact.Id, null, null, IntroductionPurpose.SalesLead, "We sell logistics software", null), CancellationToken.None));
        Assert.True(again.Succeeded);
        Assert.Equal(c.Manager.Id, await DbAsync(c.Tenant, db => db.IntroductionRequests.Where(r => r.Id == again.RequestId).Select(r => r.ConnectorId).SingleAsync()));
    }

    [Fact]
    public async Task A_leaver_whose_contacts_are_not_handed_over_is_absent_from_discovery_coverage_company_page_and_colleagues_who_know()
    {
        var c = await CompanyAsync();
        var searcher = await App.CreateUserAsync(c.Tenant, $"searcher@{_acmeSlug}.test");
        var held = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Held", "Hiro", "Initech", ContactVisibility.Shared, email: "hiro@initech.test", title: "Buyer");
        await App.CreateContactAsync(c.Tenant, c.Colleague.Id, "Other", "Oto", "Initech", ContactVisibility.Discoverable, email: "hiro@initech.test", title: "CTO");
        var mine = await App.CreateContactAsync(c.Tenant, searcher.Id, "Mine", "Hiro", "Initech", email: "hiro@initech.test");
        var client = await App.SignInAsync(_acmeSlug, searcher.Email!);
        Assert.Contains("2 colleagues also know", await client.GetStringAsync($"/{_acmeSlug}/contacts/{mine.Id}"), StringComparison.Ordinal);
        Assert.Contains("2 colleagues have 2 relationships here.", await client.GetStringAsync($"/{_acmeSlug}/discover?company=initech"), StringComparison.Ordinal);

        // A colleague deactivated before handovers existed still holds their contacts: they count for nobody.
        await DbAsync(c.Tenant, db => db.Users.Where(u => u.Id == c.Leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var discover = await client.GetStringAsync($"/{_acmeSlug}/discover?company=initech");
        Assert.DoesNotContain("Hiro Held", discover, StringComparison.Ordinal);
        Assert.Contains("1 colleagues have 1 relationships here.", discover, StringComparison.Ordinal);
        Assert.Contains("Risk: only one colleague holds every relationship with this company.", discover, StringComparison.Ordinal);
        var byKeyword = await App.InTenantAsync(c.Tenant, sp => sp.GetRequiredService<DiscoverySearch>()
            .SearchAsync(searcher.Id, new DiscoveryCriteria { Keywords = "buyer" }, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None));
        Assert.Equal(0, byKeyword.Total);
        var coverage = await App.InTenantAsync(c.Tenant, async sp =>
        {
            var organizations = await sp.GetRequiredService<DiscoverySearch>().MatchOrganizationsAsync("Initech", CancellationToken.None);
            return await sp.GetRequiredService<AccountCoverage>().ForAsync(organizations, CancellationToken.None);
        });
        Assert.Equal((1, 1), (Assert.Single(coverage).Colleagues, coverage[0].Relationships));
        Assert.DoesNotContain("Hiro Held", await client.GetStringAsync($"/{_acmeSlug}/companies/{held.OrganizationId}"), StringComparison.Ordinal);
        Assert.Contains("1 colleagues also know", await client.GetStringAsync($"/{_acmeSlug}/contacts/{mine.Id}"), StringComparison.Ordinal);

        // The offboarding page shows what is still with them; once handed over, the successor counts instead.
        var admin = await App.SignInAsync(_acmeSlug, c.Admin.Email!);
        var offboarding = $"/{_acmeSlug}/admin/users/{c.Leaver.Id}/offboarding";
        Assert.Contains("Hiro Held", await admin.GetStringAsync(offboarding), StringComparison.Ordinal);
        await admin.PostFormAsync($"{offboarding}?handler=HandOver", new() { ["successorId"] = c.Manager.Id.ToString(), ["all"] = "true" }, offboarding);
        var after = await client.GetStringAsync($"/{_acmeSlug}/discover?company=initech");
        Assert.Contains("Hiro Held", after, StringComparison.Ordinal);
        Assert.Contains("2 colleagues have 2 relationships here.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_of_current_holdings_leave_leavers_out_and_historic_ones_keep_them()
    {
        var c = await CompanyAsync();
        var held = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Held", "Hiro", "Initech", ContactVisibility.Shared);
        await App.CreateContactAsync(c.Tenant, c.Colleague.Id, "Other", "Oto", "Umbrella", ContactVisibility.Shared);
        var today = DateOnly.FromDateTime(_clock.UtcNow.UtcDateTime);
        await DbAsync(c.Tenant, db => db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextTouchOn, today.AddDays(-3))));
        // Deactivated before handovers existed: the contact is still theirs.
        await DbAsync(c.Tenant, db => db.Users.Where(u => u.Id == c.Leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        var (activity, companies) = await App.InTenantAsync(c.Tenant, async sp =>
        {
            var report = sp.GetRequiredService<Web.Features.Reports.NetworkHealthReport>();
            var period = Web.Features.Reports.ReportPeriod.OfFiscalYear(Web.Features.Reports.ReportPeriod.FiscalYearOf(today, 4), 4);
            var scope = new Web.Features.Reports.ReportScope(null, [], true, []);
            return (await report.ActivityAsync(period, scope, today, CancellationToken.None), await report.TopCompaniesAsync(period, scope, CancellationToken.None));
        });
        var leaverRow = Assert.Single(activity, r => r.Dimension == Web.Features.Reports.HealthDimension.Employee && r.Key == c.Leaver.Id.ToString());
        Assert.Equal((1, 0), (leaverRow.ContactsAdded, leaverRow.Overdue)); // added this year: history; overdue today: not theirs to touch
        Assert.Equal(1, Assert.Single(activity, r => r.Dimension == Web.Features.Reports.HealthDimension.Employee && r.Key == c.Colleague.Id.ToString()).Overdue);
        Assert.Equal(["Umbrella"], companies.Select(x => x.OrganizationName));
        Assert.NotEqual(held.OrganizationId, companies[0].OrganizationId);
    }

    [Fact]
    public async Task Another_companys_admin_cannot_offboard_plan_or_decide_for_this_companys_users_and_contacts()
    {
        var c = await CompanyAsync("alpha");
        var contact = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Alpha", "Secret", "Globex");
        var shared = await App.CreateContactAsync(c.Tenant, c.Leaver.Id, "Alpha", "Shared", "Globex", ContactVisibility.Shared);
        var (bravo, bravoAdmin) = await App.CreateTenantAsync(_bravoSlug);
        var bravoColleague = await App.CreateUserAsync(bravo, $"colleague@{_bravoSlug}.test");
        var client = await App.SignInAsync(_bravoSlug, bravoAdmin.Email!);
        var before = await DatabaseSnapshot.TakeAsync(SuperUserConnectionString);

        var foreign = $"/{_bravoSlug}/admin/users/{c.Leaver.Id}/offboarding";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(foreign)).StatusCode);
        await client.PostFormAsync($"{foreign}?handler=Plan", new() { ["successorId"] = bravoColleague.Id.ToString() }, $"/{_bravoSlug}/account/handover",
            expect: HttpStatusCode.NotFound);
        await client.PostFormAsync($"{foreign}?handler=HandOver", new() { ["successorId"] = bravoColleague.Id.ToString(), ["all"] = "true", ["reason"] = "x" },
            $"/{_bravoSlug}/account/handover", expect: HttpStatusCode.NotFound);
        // Bravo's own offboarding page never lists or moves alpha's contacts, nor names alpha's people as successors.
        var own = $"/{_bravoSlug}/admin/users/{bravoColleague.Id}/offboarding";
        var ownPage = await client.GetStringAsync(own);
        Assert.DoesNotContain(c.Manager.Id.ToString(), ownPage, StringComparison.Ordinal);
        await client.PostFormAsync($"{own}?handler=Plan", new() { ["successorId"] = c.Manager.Id.ToString() }, own, expect: HttpStatusCode.OK);
        await client.PostFormAsync($"{own}?handler=HandOver", new() { ["successorId"] = bravoAdmin.Id.ToString(), ["contactIds"] = shared.Id.ToString() }, own,
            expect: HttpStatusCode.NotFound);
        // Nor can a bravo user decide about alpha's contacts on their own handover page.
        await client.PostFormAsync($"/{_bravoSlug}/account/handover?handler=Decide", new() { [$"Decisions[{contact.Id}]"] = "Delete" }, $"/{_bravoSlug}/account/handover",
            expect: HttpStatusCode.NotFound);
        DatabaseSnapshot.AssertUnchanged(before, await DatabaseSnapshot.TakeAsync(SuperUserConnectionString), $"{_bravoSlug} calling with alpha's ids");
    }
}

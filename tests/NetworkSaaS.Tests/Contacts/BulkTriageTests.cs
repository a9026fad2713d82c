using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Notifications;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Tests.Contacts;

/// <summary>Bulk triage: bulk changes and their undo, the to-review list, undoing an import, import defaults, the digest nudge.</summary>
public sealed class BulkTriageTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IEmailSender>(sp => new PickupDirectoryEmailSender(sp.GetRequiredService<EmailOptions>(), NullLogger<PickupDirectoryEmailSender>.Instance));
    }

    [Fact]
    public async Task A_change_of_all_matching_contacts_reaches_every_page_is_audited_once_and_undo_restores_exactly()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        await App.CreateContactsAsync(tenant, owner.Id, Enumerable.Range(1, 120).Select(i => new ContactInput
        {
            FamilyName = $"Person{i:000}",
            GivenName = "Test",
            CompanyName = i <= 70 ? "Globex" : "Initech",
            Depth = i % 2 == 0 ? 2 : 3,
            CadenceDays = i % 3 == 0 ? 45 : null,
            Tags = i % 5 == 0 ? "golf" : null,
        }));
        var before = await ContactsAsync(tenant);
        var client = await App.SignInAsync("acme", owner.Email!);
        var list = await client.GetStringAsync("/acme/contacts?q=globex");
        Assert.Contains("70 contacts match.", list, StringComparison.Ordinal);
        Assert.Contains("page=2", list, StringComparison.Ordinal); // 50 a page: the filter spans two pages

        await client.PostFormAsync("/acme/contacts/bulk", new()
        {
            ["AllMatching"] = "true", ["Filter.Q"] = "globex", ["Edit.Action"] = "Depth", ["Edit.Depth"] = "5", ["ReturnUrl"] = "/acme/contacts?q=globex",
        }, "/acme/contacts?q=globex");

        var after = await ContactsAsync(tenant);
        Assert.Equal(70, after.Count(c => c.Depth == 5));
        Assert.All(after.Where(c => c.CompanyName == "Initech"), c => Assert.Equal(before.Single(b => b.Id == c.Id).Depth, c.Depth));
        var audit = Assert.Single(await AuditAsync(tenant, AuditActions.ContactsBulkChanged));
        Assert.StartsWith("70 contacts", audit.Details, StringComparison.Ordinal);
        // The in-memory copy of "My network" shows the change at once.
        Assert.Contains("70 contacts match.", await client.GetStringAsync("/acme/contacts?depth=5"), StringComparison.Ordinal);

        var changeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString(), ["ReturnUrl"] = "/acme/contacts" }, "/acme/contacts");

        var undone = await ContactsAsync(tenant);
        foreach (var contact in before)
        {
            var now = undone.Single(c => c.Id == contact.Id);
            Assert.Equal((contact.Depth, contact.CadenceDays, contact.NextTouchOn, contact.Visibility), (now.Depth, now.CadenceDays, now.NextTouchOn, now.Visibility));
            Assert.Equal(contact.Tags, now.Tags);
        }

        Assert.Single(await AuditAsync(tenant, AuditActions.ContactsBulkUndone));
        Assert.Contains("0 contacts match.", await client.GetStringAsync("/acme/contacts?depth=5"), StringComparison.Ordinal);

        // Undone once: a second undo is refused and changes nothing.
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, "/acme/contacts");
        Assert.Single(await AuditAsync(tenant, AuditActions.ContactsBulkUndone));
    }

    [Fact]
    public async Task Ticked_contacts_get_tags_added_and_removed_visibility_open_to_and_cadence_and_undo_puts_back_the_previous_values()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var contacts = await App.CreateContactsAsync(tenant, owner.Id, new[] { "A", "B", "C" }.Select(n => new ContactInput { FamilyName = n, Tags = "alpha, beta" }));
        var client = await App.SignInAsync("acme", owner.Email!);
        var token = await client.AntiforgeryTokenAsync("/acme/contacts");
        async Task PostAsync(params (string, string)[] fields) =>
            await client.PostFormMultiAsync("/acme/contacts/bulk",
                fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
                    .Concat([new("Ids", contacts[0].Id.ToString()), new("Ids", contacts[1].Id.ToString())]), token);

        await PostAsync(("Edit.Action", "Tags"), ("Edit.AddTags", "vip, 物流"), ("Edit.RemoveTags", "ALPHA"));
        var tagged = await ContactsAsync(tenant);
        Assert.Equal(["beta", "vip", "物流"], tagged.Single(c => c.Id == contacts[0].Id).Tags);
        Assert.Equal(["beta", "vip", "物流"], tagged.Single(c => c.Id == contacts[1].Id).Tags);
        Assert.Equal(["alpha", "beta"], tagged.Single(c => c.Id == contacts[2].Id).Tags);
        Assert.Contains("物流", tagged.Single(c => c.Id == contacts[0].Id).SearchText, StringComparison.Ordinal);

        var changeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, "/acme/contacts");
        Assert.All(await ContactsAsync(tenant), c => Assert.Equal(["alpha", "beta"], c.Tags));

        await PostAsync(("Edit.Action", "Visibility"), ("Edit.Visibility", "Shared"));
        await PostAsync(("Edit.Action", "OpenTo"), ("Edit.OpenToHiring", "true"), ("Edit.OpenToAdvising", "true"));
        await PostAsync(("Edit.Action", "Cadence"), ("Edit.CadenceDays", "14"));
        var changed = (await ContactsAsync(tenant)).Single(c => c.Id == contacts[0].Id);
        Assert.Equal((ContactVisibility.Shared, OpenTo.Hiring | OpenTo.Advising, (int?)14), (changed.Visibility, changed.OpenTo, changed.CadenceDays));
        Assert.Equal(DateOnly.FromDateTime(changed.CreatedAt.UtcDateTime).AddDays(14), changed.NextTouchOn);

        // Only the last change is kept: undo takes back the cadence, not the visibility.
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.CountAsync()));
        changeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, "/acme/contacts");
        var undone = (await ContactsAsync(tenant)).Single(c => c.Id == contacts[0].Id);
        Assert.Equal((ContactVisibility.Shared, (int?)null), (undone.Visibility, undone.CadenceDays));

        // Invalid values change nothing.
        await PostAsync(("Edit.Action", "Depth"), ("Edit.Depth", "9"));
        await PostAsync(("Edit.Action", "Cadence"), ("Edit.CadenceDays", "3"));
        Assert.Equal(4, (await AuditAsync(tenant, AuditActions.ContactsBulkChanged)).Count);
    }

    [Fact]
    public async Task A_bulk_delete_removes_contacts_with_their_interactions_and_undo_brings_them_back_as_they_were()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var contacts = await App.CreateContactsAsync(tenant, owner.Id, new[] { "Alpha", "Bravo", "Charlie" }.Select(n => new ContactInput
        {
            FamilyName = n, CompanyName = "Globex", Emails = $"{n.ToLowerInvariant()}@globex.example", Notes = $"notes of {n}",
        }));
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Interactions.Add(new Interaction
            {
                ContactId = contacts[0].Id, Kind = InteractionKind.Meal, OccurredOn = new DateOnly(2026, 1, 5), Note = "lunch", CreatedByUserId = owner.Id,
                CreatedAt = _clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            return await db.Contacts.Where(c => c.Id == contacts[2].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, contacts[0].Id).SetProperty(c => c.Channel, MeetingChannel.IntroducedBySomeone));
        });
        var before = await ContactsAsync(tenant);
        var client = await App.SignInAsync("acme", owner.Email!);
        Assert.Contains("3 contacts match.", await client.GetStringAsync("/acme/contacts"), StringComparison.Ordinal);

        var token = await client.AntiforgeryTokenAsync("/acme/contacts");
        await client.PostFormMultiAsync("/acme/contacts/bulk",
            [new("Edit.Action", "Delete"), new("Ids", contacts[0].Id.ToString()), new("Ids", contacts[1].Id.ToString())], token);

        Assert.Equal([contacts[2].Id], (await ContactsAsync(tenant)).Select(c => c.Id));
        Assert.Null((await ContactsAsync(tenant))[0].IntroducedByContactId);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Interactions.CountAsync()));
        Assert.Contains("1 contacts match.", await client.GetStringAsync("/acme/contacts"), StringComparison.Ordinal);
        Assert.StartsWith("2 contacts", Assert.Single(await AuditAsync(tenant, AuditActions.ContactsBulkChanged)).Details, StringComparison.Ordinal);

        var changeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, "/acme/contacts");

        var back = await ContactsAsync(tenant);
        Assert.Equal(3, back.Count);
        foreach (var contact in before)
        {
            var now = back.Single(c => c.Id == contact.Id);
            Assert.Equal((contact.DisplayName, contact.Notes, contact.OrganizationId, contact.IntroducedByContactId, contact.CreatedAt),
                (now.DisplayName, now.Notes, now.OrganizationId, now.IntroducedByContactId, now.CreatedAt));
            Assert.Equal(contact.Emails, now.Emails);
        }

        var interaction = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Interactions.SingleAsync());
        Assert.Equal((contacts[0].Id, "lunch"), (interaction.ContactId, interaction.Note));
        Assert.Contains("3 contacts match.", await client.GetStringAsync("/acme/contacts"), StringComparison.Ordinal);
        // The undone record no longer holds the deleted contacts.
        Assert.Equal("null", await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Before).SingleAsync()));
    }

    [Fact]
    public async Task A_bulk_delete_can_be_undone_for_a_day_and_then_its_copy_of_the_deleted_contacts_is_purged()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var contact = await App.CreateContactAsync(tenant, owner.Id, "Gone", "Soon", "Globex");
        var client = await App.SignInAsync("acme", owner.Email!);
        var token = await client.AntiforgeryTokenAsync("/acme/contacts");
        await client.PostFormMultiAsync("/acme/contacts/bulk", [new("Edit.Action", "Delete"), new("Ids", contact.Id.ToString())], token);
        var changeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        Assert.Contains("id=\"bulk-undo\"", await client.GetStringAsync("/acme/contacts/bulk"), StringComparison.Ordinal);

        var dayAgo = _clock.GetUtcNow().AddHours(-24).AddMinutes(-1);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.ExecuteUpdateAsync(s => s.SetProperty(b => b.CreatedAt, dayAgo)));
        Assert.Contains("id=\"bulk-nothing\"", await client.GetStringAsync("/acme/contacts/bulk"), StringComparison.Ordinal);
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, "/acme/contacts");
        Assert.Empty(await ContactsAsync(tenant));
        Assert.Contains("That bulk change can no longer be undone.", await client.GetStringAsync("/acme/contacts"), StringComparison.Ordinal);

        Assert.Equal(1, await App.InTenantAsync(tenant, sp =>
            ActivatorUtilities.CreateInstance<NetworkSaaS.Web.Features.Contacts.Import.AbandonedImportCleanupJob>(sp).RunAsync(tenant.Id, CancellationToken.None)));
        Assert.Empty(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.ToListAsync()));
    }

    [Fact]
    public async Task A_bulk_post_with_another_tenants_or_a_colleagues_contacts_changes_nothing()
    {
        var (acme, owner) = await App.CreateTenantAsync("acme");
        var colleague = await App.CreateUserAsync(acme, "colleague@acme.test");
        var (globex, globexAdmin) = await App.CreateTenantAsync("globex");
        var theirs = await App.CreateContactAsync(globex, globexAdmin.Id, "Other", "Tenant", "Globex", ContactVisibility.Shared);
        var colleagues = await App.CreateContactAsync(acme, colleague.Id, "Colleague", "Contact", "Initech", ContactVisibility.Shared);
        var mine = await App.CreateContactAsync(acme, owner.Id, "My", "Own", "Initech");
        var globexClient = await App.SignInAsync("globex", globexAdmin.Email!);
        var globexBatch = (await ImportTests.UploadAsync(globexClient, "globex", "contacts.csv", Csv(("Foreign", "Row", "Globex")))).Headers.Location!.OriginalString;
        await globexClient.PostFormAsync($"{globexBatch}?handler=Start", [], globexBatch);
        var globexBatchId = globexBatch.Split('/')[^1];

        var client = await App.SignInAsync("acme", owner.Email!);
        var token = await client.AntiforgeryTokenAsync("/acme/contacts");
        await client.PostFormMultiAsync("/acme/contacts/bulk",
            [new("Edit.Action", "Delete"), new("Ids", theirs.Id.ToString()), new("Ids", colleagues.Id.ToString())], token);
        await client.PostFormMultiAsync("/acme/contacts/bulk",
            [new("Edit.Action", "Visibility"), new("Edit.Visibility", "Shared"), new("AllMatching", "true"), new("Batch", globexBatchId)], token);
        await client.PostFormMultiAsync("/acme/contacts/bulk",
            [new("Edit.Action", "Depth"), new("Edit.Depth", "5"), new("Ids", theirs.Id.ToString()), new("Ids", mine.Id.ToString())], token);

        var globexContacts = await ContactsAsync(globex);
        Assert.Equal(2, globexContacts.Count);
        Assert.Equal(ContactVisibility.Shared, globexContacts.Single(c => c.Id == theirs.Id).Visibility);
        Assert.Equal(3, globexContacts.Single(c => c.Id == theirs.Id).Depth);
        Assert.Equal(ContactVisibility.Private, globexContacts.Single(c => c.FamilyName == "Foreign").Visibility);
        var acmeContacts = await ContactsAsync(acme);
        Assert.Equal((ContactVisibility.Shared, 3), acmeContacts.Single(c => c.Id == colleagues.Id) is var c1 ? (c1.Visibility, c1.Depth) : default);
        Assert.Equal(5, acmeContacts.Single(c => c.Id == mine.Id).Depth); // only the owner's own id of the mixed list
        var audits = await AuditAsync(acme, AuditActions.ContactsBulkChanged);
        Assert.StartsWith("1 contacts", Assert.Single(audits).Details, StringComparison.Ordinal);
        Assert.Empty(await App.InTenantAsync(globex, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.ToListAsync()));

        // Undo of another tenant's change id: nothing to undo.
        var globexToken = await globexClient.AntiforgeryTokenAsync("/globex/contacts");
        await globexClient.PostFormMultiAsync("/globex/contacts/bulk", [new("Edit.Action", "Depth"), new("Edit.Depth", "4"), new("Ids", theirs.Id.ToString())], globexToken);
        var globexChange = await App.InTenantAsync(globex, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await client.PostFormAsync("/acme/contacts/bulk?handler=Undo", new() { ["changeId"] = globexChange.ToString() }, "/acme/contacts");
        Assert.Equal(4, (await ContactsAsync(globex)).Single(c => c.Id == theirs.Id).Depth);
        Assert.Empty(await AuditAsync(acme, AuditActions.ContactsBulkUndone));
    }

    [Fact]
    public async Task Undoing_an_import_removes_what_it_created_and_restores_what_it_updated_and_is_refused_after_seven_days()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var existing = await App.CreateContactAsync(tenant, owner.Id, "Tanaka", "Haruka", email: "haruka.tanaka@toyota.example", visibility: ContactVisibility.Shared);
        var client = await App.SignInAsync("acme", owner.Email!);
        var url = await ImportAsync(client, "acme", Csv(("Tanaka", "Haruka", "Toyota"), ("Okafor", "Daniel", "Globex"), ("Nguyen", "Anh", "Globex")));
        var imported = await ContactsAsync(tenant);
        Assert.Equal(3, imported.Count);
        Assert.Equal("Toyota", imported.Single(c => c.Id == existing.Id).CompanyName);
        Assert.Contains("id=\"import-contacts\"", await client.GetStringAsync(url), StringComparison.Ordinal);

        await client.PostFormAsync($"{url}?handler=Undo", [], url);
        var after = await ContactsAsync(tenant);
        var restored = Assert.Single(after);
        Assert.Equal((existing.Id, (string?)null, (Guid?)null, ContactVisibility.Shared), (restored.Id, restored.CompanyName, restored.OrganizationId, restored.Visibility));
        Assert.Equal(existing.SearchText, restored.SearchText);
        var audit = Assert.Single(await AuditAsync(tenant, AuditActions.ImportUndone));
        Assert.EndsWith("2 removed, 1 restored", audit.Details, StringComparison.Ordinal);
        Assert.Contains("id=\"import-undone\"", await client.GetStringAsync(url), StringComparison.Ordinal);

        // Once only.
        await client.PostFormAsync($"{url}?handler=Undo", [], url);
        Assert.Contains("can no longer be undone", await client.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(tenant, AuditActions.ImportUndone));

        // Older than seven days: refused with a clear message, nothing removed.
        var late = await ImportAsync(client, "acme", Csv(("Suzuki", "Ichiro", "Globex")));
        var lateId = Guid.Parse(late.Split('/')[^1]);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.Where(b => b.Id == lateId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.CompletedAt, _clock.GetUtcNow().AddDays(-7).AddMinutes(-1))));
        Assert.DoesNotContain("id=\"import-undo\"", await client.GetStringAsync(late), StringComparison.Ordinal);
        await client.PostFormAsync($"{late}?handler=Undo", [], late);
        Assert.Contains("This import can no longer be undone: an import can be undone for 7 days after it finished, once.", await client.GetStringAsync(late), StringComparison.Ordinal);
        Assert.Equal(2, (await ContactsAsync(tenant)).Count);
    }

    [Fact]
    public async Task A_bulk_change_on_an_imports_result_reaches_all_of_that_import_and_nothing_else()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var other = await App.CreateContactAsync(tenant, owner.Id, "Not", "Imported", "Globex");
        var client = await App.SignInAsync("acme", owner.Email!);
        var url = await ImportAsync(client, "acme", Csv([.. Enumerable.Range(1, 12).Select(i => ($"Family{i}", "Given", "Globex"))]));
        var batchId = url.Split('/')[^1];
        await client.PostFormAsync("/acme/contacts/bulk", new()
        {
            ["AllMatching"] = "true", ["Batch"] = batchId, ["Edit.Action"] = "Visibility", ["Edit.Visibility"] = "Discoverable", ["ReturnUrl"] = url,
        }, url);
        var contacts = await ContactsAsync(tenant);
        Assert.Equal(12, contacts.Count(c => c.Visibility == ContactVisibility.Discoverable && !c.ReviewPending));
        Assert.Equal(ContactVisibility.Private, contacts.Single(c => c.Id == other.Id).Visibility);
    }

    [Fact]
    public async Task Imported_contacts_start_with_the_companys_import_defaults_not_with_the_default_of_contacts_added_by_hand()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);
        await client.PostFormAsync("/acme/admin/settings?handler=ImportDefaults", new() { ["importedVisibility"] = "Discoverable", ["importedDepth"] = "2" }, "/acme/admin/settings");
        var saved = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id));
        Assert.Equal((ContactVisibility.Private, ContactVisibility.Discoverable, 2), (saved.DefaultContactVisibility, saved.ImportedContactVisibility, saved.ImportedContactDepth));
        Assert.Contains(await AuditAsync(tenant, AuditActions.SettingsChanged), a => a.Details!.Contains("imported contacts: Private, depth 1 → Discoverable, depth 2", StringComparison.Ordinal));
        await client.PostFormAsync("/acme/admin/settings?handler=ImportDefaults", new() { ["importedVisibility"] = "Everyone", ["importedDepth"] = "2" },
            "/acme/admin/settings", expect: HttpStatusCode.BadRequest);

        await ImportAsync(client, "acme", Csv(("Okafor", "Daniel", "Globex")));
        var manual = await App.CreateContactAsync(tenant, admin.Id, "By", "Hand", visibility: saved.DefaultContactVisibility, depth: 1);
        var contacts = await ContactsAsync(tenant);
        var imported = contacts.Single(c => c.FamilyName == "Okafor");
        Assert.Equal((ContactVisibility.Discoverable, 2, true), (imported.Visibility, imported.Depth, imported.ReviewPending));
        Assert.NotNull(imported.NextTouchOn); // depth 2 has a cadence
        Assert.Equal((ContactVisibility.Private, false), contacts.Single(c => c.Id == manual.Id) is var m ? (m.Visibility, m.ReviewPending) : default);
        var employee = await App.CreateUserAsync(tenant, "employee@acme.test");
        var employeeClient = await App.SignInAsync("acme", employee.Email!);
        await employeeClient.PostFormAsync("/acme/admin/settings?handler=ImportDefaults", new() { ["importedVisibility"] = "Shared", ["importedDepth"] = "5" }, "/acme/",
            expect: HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_review_list_shows_only_imported_contacts_never_edited_and_its_quick_actions_work_with_and_without_script()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var colleague = await App.CreateUserAsync(tenant, "colleague@acme.test");
        await App.CreateContactAsync(tenant, owner.Id, "Manual", "Added", "Initech");
        var client = await App.SignInAsync("acme", owner.Email!);
        await ImportAsync(client, "acme", Csv(("Okafor", "Daniel", "Globex"), ("Nguyen", "Anh", "Globex"), ("Tanaka", "Haruka", "Toyota")));
        var contacts = await ContactsAsync(tenant);
        Guid IdOf(string family) => contacts.Single(c => c.FamilyName == family).Id;

        var review = await client.GetStringAsync("/acme/contacts/review");
        Assert.Contains("3 imported contacts wait for review.", review, StringComparison.Ordinal);
        Assert.Contains("Daniel Okafor", review, StringComparison.Ordinal);
        Assert.DoesNotContain("Added Manual", review, StringComparison.Ordinal);

        // Edited through the form: reviewed.
        var edit = $"/acme/contacts/{IdOf("Tanaka")}/edit";
        await client.PostFormAsync(edit, new()
        {
            ["Input.FamilyName"] = "Tanaka", ["Input.GivenName"] = "Haruka", ["Input.CompanyName"] = "Toyota", ["Input.Depth"] = "3",
            ["Input.Visibility"] = "Private", ["Input.Channel"] = "ExchangeEvent",
        });
        Assert.DoesNotContain("Haruka Tanaka", await client.GetStringAsync("/acme/contacts/review"), StringComparison.Ordinal);

        // A plain form: the depth keeps the row (the visibility is still to decide), the visibility takes it out.
        await client.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = IdOf("Okafor").ToString(), ["depth"] = "4" }, "/acme/contacts/review");
        Assert.Contains("Daniel Okafor", await client.GetStringAsync("/acme/contacts/review"), StringComparison.Ordinal);
        await client.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = IdOf("Okafor").ToString(), ["visibility"] = "Shared" }, "/acme/contacts/review");
        review = await client.GetStringAsync("/acme/contacts/review");
        Assert.DoesNotContain("Daniel Okafor", review, StringComparison.Ordinal);
        Assert.Contains("1 imported contacts wait for review.", review, StringComparison.Ordinal);
        var okafor = (await ContactsAsync(tenant)).Single(c => c.FamilyName == "Okafor");
        Assert.Equal((4, ContactVisibility.Shared, false), (okafor.Depth, okafor.Visibility, okafor.ReviewPending));

        // As the script sends it: JSON back.
        var token = await client.AntiforgeryTokenAsync("/acme/contacts/review");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/acme/contacts/review?handler=Set")
        {
            Content = new FormUrlEncodedContent([new("id", IdOf("Nguyen").ToString()), new("visibility", "Discoverable"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("X-Requested-With", "fetch");
        var json = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("\"visibility\":\"Discoverable\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reviewed\":true", json, StringComparison.Ordinal);
        Assert.Contains("Nothing to review", await client.GetStringAsync("/acme/contacts/review"), StringComparison.Ordinal);

        // Someone else's contact, or a value out of range: refused, nothing changes.
        var colleagueClient = await App.SignInAsync("acme", colleague.Email!);
        await colleagueClient.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = IdOf("Nguyen").ToString(), ["visibility"] = "Private" },
            "/acme/contacts/review", expect: HttpStatusCode.NotFound);
        await client.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = IdOf("Nguyen").ToString(), ["depth"] = "6" },
            "/acme/contacts/review", expect: HttpStatusCode.BadRequest);
        var nguyen = (await ContactsAsync(tenant)).Single(c => c.FamilyName == "Nguyen");
        Assert.Equal((1, ContactVisibility.Discoverable), (nguyen.Depth, nguyen.Visibility));
    }

    [Fact]
    public async Task The_digest_nudges_an_owner_whose_imported_contacts_wait_for_review_with_their_count()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        await ImportAsync(client, "acme", Csv([.. Enumerable.Range(1, 50).Select(i => ($"Family{i:00}", "Given", "Globex"))]));
        var contacts = await ContactsAsync(tenant);
        await client.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = contacts[0].Id.ToString(), ["visibility"] = "Shared" }, "/acme/contacts/review");
        await client.PostFormAsync("/acme/contacts/review?handler=Set", new() { ["id"] = contacts[1].Id.ToString(), ["visibility"] = "Private" }, "/acme/contacts/review");

        _clock.UtcNow = new DateTimeOffset(2026, 1, 13, 8, 0, 0, TimeSpan.Zero); // 08:00 in London, the default digest hour
        Assert.Equal(1, await App.RunDigestJobsAsync(tenant)); // no contact is due for a touch (depth 1): the nudge alone is worth a digest
        var mail = Assert.Single(App.Mails());
        Assert.Equal("48 imported contacts wait for review (acme Company)", mail.Subject);
        Assert.Contains("48 imported contacts wait for review:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/acme/contacts/review", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("due for a touch", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost:5080/acme/contacts/review\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    internal static byte[] Csv(params (string Family, string Given, string Company)[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Select(r => $"{r.Family},{r.Given},,,{r.Company},,Buyer,{r.Given.ToLowerInvariant()}.{r.Family.ToLowerInvariant()}@{r.Company.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example,,,,,,")
            .Prepend(ContactFileReader.GenericCsvTemplateHeader)) + "\r\n");

    /// <summary>Uploads and imports a file; returns the import's address.</summary>
    internal static async Task<string> ImportAsync(HttpClient client, string slug, byte[] csv)
    {
        var url = (await ImportTests.UploadAsync(client, slug, "contacts.csv", csv)).Headers.Location!.OriginalString;
        await client.PostFormAsync($"{url}?handler=Start", [], url);
        return url;
    }

    private Task<List<Contact>> ContactsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().OrderBy(c => c.SortKey).ThenBy(c => c.Id).ToListAsync());

    private Task<List<AuditEntry>> AuditAsync(ITenantInfo tenant, string action) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().Where(a => a.Action == action).ToListAsync());
}

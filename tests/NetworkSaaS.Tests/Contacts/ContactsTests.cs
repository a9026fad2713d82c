using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Contacts;

public sealed class ContactsTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _otherSlug = Slug("other");

    // The pages judge dates against today (no interactions in the future, snoozes after today): a fixed today keeps
    // the dates below valid on any day the suite runs.
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static Dictionary<string, string> Form(string family, string given, string? company = null, string visibility = "Private", string? extra = null) => new()
    {
        ["Input.FamilyName"] = family,
        ["Input.GivenName"] = given,
        ["Input.CompanyName"] = company ?? "",
        ["Input.Depth"] = "3",
        ["Input.Channel"] = "ExchangeEvent",
        ["Input.Visibility"] = visibility,
        ["Input.Tags"] = extra ?? "",
    };

    [Fact]
    public async Task An_employee_adds_contacts_and_finds_them_by_kana_company_and_tag_in_kana_order()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var first = Form("山田", "太郎", "株式会社さくらフーズ", extra: "展示会2024");
        first["Input.FamilyNameKana"] = "ヤマダ";
        first["Input.GivenNameKana"] = "タロウ";
        first["Input.Emails"] = "T.Yamada@sakura-foods.example.jp";
        first["Input.Phones"] = "03-1234-5678";
        var created = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", first);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var second = Form("青木", "花子", "(株)ミライ技研");
        second["Input.FamilyNameKana"] = "あおき";
        await client.PostFormAsync($"/{_acmeSlug}/contacts/new", second);

        var detail = await client.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("山田 太郎", detail, StringComparison.Ordinal);
        Assert.Contains("t.yamada@sakura-foods.example.jp", detail, StringComparison.Ordinal);

        var all = await client.GetStringAsync($"/{_acmeSlug}/contacts");
        Assert.True(all.IndexOf("青木 花子", StringComparison.Ordinal) < all.IndexOf("山田 太郎", StringComparison.Ordinal), "あおき sorts before やまだ");
        Assert.Contains("山田 太郎", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=やまだ"), StringComparison.Ordinal);
        Assert.Contains("山田 太郎", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=ヤマダ"), StringComparison.Ordinal);
        Assert.Contains("山田 太郎", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=さくらフーズ"), StringComparison.Ordinal);
        var byTag = await client.GetStringAsync($"/{_acmeSlug}/contacts?tag=展示会2024");
        Assert.Contains("山田 太郎", byTag, StringComparison.Ordinal);
        Assert.DoesNotContain("青木 花子", byTag, StringComparison.Ordinal);
        Assert.DoesNotContain("山田 太郎", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=nothing-like-this"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_words_deep_in_long_notes_counts_matches_and_clamps_the_page()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "en");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var longNotes = Form("Long", "Ann", "Acme Widgets");
        longNotes["Input.Notes"] = string.Concat(Enumerable.Repeat("会議のメモ。", 200)) + " zebra-crossing";
        await client.PostFormAsync($"/{_acmeSlug}/contacts/new", longNotes, expect: HttpStatusCode.Redirect);
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        var shortNotes = Form("Short", "Bob", "Acme Widgets");
        shortNotes["Input.Notes"] = "zebra-crossing at the fair";
        await client.PostFormAsync($"/{_acmeSlug}/contacts/new", shortNotes);
        await client.PostFormAsync($"/{_acmeSlug}/contacts/new", Form("Other", "Cy", "Elsewhere"));
        await client.GetStringAsync($"/{_acmeSlug}/contacts"); // shows (and clears) the "was added" status

        var found = await client.GetStringAsync($"/{_acmeSlug}/contacts?q=zebra-crossing&sort=Added");
        Assert.Contains("Ann Long", found, StringComparison.Ordinal);
        Assert.Contains("Bob Short", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Cy Other", found, StringComparison.Ordinal);
        Assert.Contains("2 contacts match.", found, StringComparison.Ordinal);
        Assert.True(found.IndexOf("Bob Short", StringComparison.Ordinal) < found.IndexOf("Ann Long", StringComparison.Ordinal), "most recently added first");

        var pastTheEnd = await client.GetStringAsync($"/{_acmeSlug}/contacts?q=acme&depth=3&page=9");
        Assert.Contains("Ann Long", pastTheEnd, StringComparison.Ordinal);
        Assert.Contains("2 contacts match.", pastTheEnd, StringComparison.Ordinal);
        var lastListPage = await client.GetStringAsync($"/{_acmeSlug}/contacts?page=9&sort=RecentlyContacted");
        Assert.Contains("Cy Other", lastListPage, StringComparison.Ordinal);
        Assert.Contains("3 contacts match.", lastListPage, StringComparison.Ordinal);
        var none = await client.GetStringAsync($"/{_acmeSlug}/contacts?q=zebra&tag=nothing");
        Assert.Contains("0 contacts match.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_pages_through_every_contact_once_with_the_filters_and_sort_kept()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "en");
        await App.CreateContactsAsync(tenant, admin.Id, Enumerable.Range(1, 120).Select(i => new NetworkSaaS.Web.Features.Contacts.ContactInput
        {
            FamilyName = $"Person{i:000}", GivenName = "Ann", CompanyName = i % 2 == 0 ? "Acme Widgets" : "Globex", Depth = 3,
        }));
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        List<string> Names(string html) =>
            [.. System.Text.RegularExpressions.Regex.Matches(html, $@"<a href=""/{_acmeSlug}/contacts/[0-9a-f-]{{36}}"">Ann (Person\d{{3}})</a>").Select(m => m.Groups[1].Value)];
        static IEnumerable<string> Expected(IEnumerable<int> numbers) => numbers.Select(i => $"Person{i:000}");

        var first = await client.GetStringAsync($"/{_acmeSlug}/contacts");
        Assert.Equal(Expected(Enumerable.Range(1, 50)), Names(first));
        Assert.Contains($"href=\"/{_acmeSlug}/contacts?page=3\"", first, StringComparison.Ordinal);
        Assert.Equal(Expected(Enumerable.Range(51, 50)), Names(await client.GetStringAsync($"/{_acmeSlug}/contacts?page=2")));
        Assert.Equal(Expected(Enumerable.Range(101, 20)), Names(await client.GetStringAsync($"/{_acmeSlug}/contacts?page=3")));
        Assert.Equal(Expected(Enumerable.Range(101, 20)), Names(await client.GetStringAsync($"/{_acmeSlug}/contacts?page=99"))); // past the end: the last page
        Assert.Equal(Expected(Enumerable.Range(1, 50)), Names(await client.GetStringAsync($"/{_acmeSlug}/contacts?page=abc")));
        Assert.Equal(Expected(Enumerable.Range(1, 50)), Names(await client.GetStringAsync($"/{_acmeSlug}/contacts?page=-2")));

        var searched = await client.GetStringAsync($"/{_acmeSlug}/contacts?q=acme&sort=Name&page=2");
        Assert.Equal(Expected(Enumerable.Range(51, 10).Select(i => 2 * i)), Names(searched));
        Assert.Contains("60 contacts match.", searched, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{_acmeSlug}/contacts?q=acme&amp;sort=Name&amp;page=1\"", searched, StringComparison.Ordinal);
        var newestFirst = (await Task.WhenAll(Enumerable.Range(1, 3).Select(p => client.GetStringAsync($"/{_acmeSlug}/contacts?sort=Added&page={p}")))).SelectMany(Names).ToList();
        Assert.Equal(120, newestFirst.Distinct().Count());
    }

    [Fact]
    public async Task The_list_shows_every_write_to_the_owners_contacts_at_once_whatever_path_made_it()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "en");
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.example");
        var ann = await App.CreateContactAsync(tenant, admin.Id, "Long", "Ann", "Acme Widgets");
        await App.CreateContactAsync(tenant, admin.Id, "Short", "Bob", "Globex");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        Assert.Contains("2 contacts match.", await client.GetStringAsync($"/{_acmeSlug}/contacts"), StringComparison.Ordinal);
        Assert.Contains("Ann Long", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=acme"), StringComparison.Ordinal);

        // Plain SQL, as a migration, a job or another instance of the app would write: no code path of this process is told.
        async Task<long> Version(Guid owner) => await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Database
            .SqlQuery<long>($"SELECT coalesce((SELECT version FROM contact_owner_versions WHERE owner_id = {owner}), 0) AS \"Value\"").SingleAsync());
        Task Sql(FormattableString sql) => App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync(sql));
        var before = await Version(admin.Id);
        await Sql($"UPDATE contacts SET display_name = 'Ann Renamed', search_text = 'ann renamed initech' WHERE id = {ann.Id}");
        Assert.True(await Version(admin.Id) > before);
        var renamed = await client.GetStringAsync($"/{_acmeSlug}/contacts?q=initech");
        Assert.Contains("Ann Renamed", renamed, StringComparison.Ordinal);
        Assert.Contains("1 contacts match.", renamed, StringComparison.Ordinal);
        Assert.Contains("0 contacts match.", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=acme"), StringComparison.Ordinal);

        await App.CreateContactAsync(tenant, admin.Id, "New", "Cy", "Initech");
        Assert.Contains("2 contacts match.", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=initech"), StringComparison.Ordinal);
        await Sql($"DELETE FROM contacts WHERE id = {ann.Id}");
        var afterDelete = await client.GetStringAsync($"/{_acmeSlug}/contacts");
        Assert.DoesNotContain("Ann Renamed", afterDelete, StringComparison.Ordinal);
        Assert.Contains("2 contacts match.", afterDelete, StringComparison.Ordinal);

        // Another owner's writes leave this owner's version alone, and a write that is rolled back changes nothing.
        var settled = await Version(admin.Id);
        await App.CreateContactAsync(tenant, colleague.Id, "Other", "Dee", "Initech");
        Assert.Equal(settled, await Version(admin.Id));
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE contacts SET display_name = 'Rolled Back' WHERE owner_id = {admin.Id}");
            await transaction.RollbackAsync();
            return 0;
        });
        Assert.Equal(settled, await Version(admin.Id));
        Assert.DoesNotContain("Rolled Back", await client.GetStringAsync($"/{_acmeSlug}/contacts"), StringComparison.Ordinal);

        // Offboarding a company deletes its contacts by cascade; the triggers must not stand in the way.
        await DeleteTenantAsSuperuserAsync(tenant.Id);
    }

    [Fact]
    public async Task Bad_input_gets_localized_messages_and_markup_is_stored_as_text()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var bad = Form("", "");
        bad["Input.Emails"] = "not-an-email";
        bad["Input.Depth"] = "9";
        var response = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", bad, expect: HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("not-an-email", html, StringComparison.Ordinal);
        Assert.Contains("姓または名", html, StringComparison.Ordinal);

        var script = Form("<script>alert(1)</script>", "=HYPERLINK(\"x\")");
        script["Input.Notes"] = "<img src=x onerror=alert(1)>";
        var saved = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", script);
        var page = await client.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_edits_a_contact_and_a_bad_phone_or_email_keeps_the_stored_values()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var contact = await App.CreateContactAsync(tenant, owner.Id, "Okafor", "Daniel", "Globex", email: "daniel@globex.example");
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);
        var url = $"/{_acmeSlug}/contacts/{contact.Id}/edit";
        Assert.Contains("daniel@globex.example", await client.GetStringAsync(url), StringComparison.Ordinal);

        var edit = Form("Okafor", "Daniel", "Globex Japan 株式会社", "Discoverable");
        edit["Input.Title"] = "Head of Purchasing";
        edit["Input.Phones"] = "03-1234-5678\n+44 20 7946 0958";
        edit["Input.Emails"] = "daniel@globex.example";
        await client.PostFormAsync(url, edit, expect: HttpStatusCode.Redirect);
        var saved = await LoadAsync(tenant, contact.Id);
        Assert.Equal(("Head of Purchasing", ContactVisibility.Discoverable), (saved.Title, saved.Visibility));
        Assert.Equal(["+81312345678", "+442079460958"], saved.PhonesE164);
        Assert.NotEqual(contact.OrganizationId, saved.OrganizationId);

        var bad = Form("Okafor", "Daniel");
        bad["Input.Phones"] = "call me maybe";
        bad["Input.Emails"] = "daniel@@globex";
        var rejected = await client.PostFormAsync(url, bad, expect: HttpStatusCode.OK);
        var html = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("call me maybe", html, StringComparison.Ordinal);
        Assert.Contains("daniel@@globex", html, StringComparison.Ordinal);
        Assert.Equal("Head of Purchasing", (await LoadAsync(tenant, contact.Id)).Title);
    }

    [Fact]
    public async Task A_contact_introduced_by_a_colleague_or_another_contact_remembers_who_and_refuses_strangers()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"kenji@{_acmeSlug}.test");
        var introducer = await App.CreateContactAsync(tenant, owner.Id, "Rossi", "Sofia", "Bianchi & Partners");
        var (_, stranger) = await App.CreateTenantAsync(_otherSlug);
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);
        Assert.Contains("kenji", await client.GetStringAsync($"/{_acmeSlug}/contacts/new"), StringComparison.Ordinal);

        var byColleague = Form("Lee", "Min", "Globex");
        byColleague["Input.Channel"] = "IntroducedBySomeone";
        byColleague["Input.IntroducedByUserId"] = colleague.Id.ToString();
        var saved = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", byColleague);
        Assert.Contains("Introduced by kenji", await client.GetStringAsync(saved.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var byContact = Form("Park", "Ji", "Globex");
        byContact["Input.Channel"] = "IntroducedBySomeone";
        byContact["Input.IntroducedByContactId"] = introducer.Id.ToString();
        var second = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", byContact);
        Assert.Contains("Introduced by Sofia Rossi", await client.GetStringAsync(second.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var foreign = Form("Evil", "Link", "Globex");
        foreign["Input.Channel"] = "IntroducedBySomeone";
        foreign["Input.IntroducedByUserId"] = stranger.Id.ToString();
        var refused = await client.PostFormAsync($"/{_acmeSlug}/contacts/new", foreign, expect: HttpStatusCode.OK);
        Assert.Contains("Choose from the list.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_an_interaction_resets_the_cadence_and_snoozing_moves_it()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex", depth: 4);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var url = $"/{_acmeSlug}/contacts/{contact.Id}";
        var logged = await client.PostFormAsync($"{url}?handler=LogInteraction", new()
        {
            ["Log.Kind"] = "Meal",
            ["Log.OccurredOn"] = "2026-11-01",
            ["Log.Note"] = "Lunch near Shinagawa",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var stored = await LoadAsync(tenant, contact.Id);
        Assert.Equal(new DateOnly(2026, 11, 1), stored.LastContactedOn);
        Assert.Equal(new DateOnly(2026, 12, 31), stored.NextTouchOn);
        Assert.Contains("Lunch near Shinagawa", await client.GetStringAsync(url), StringComparison.Ordinal);

        await client.PostFormAsync($"{url}?handler=Snooze", new() { ["until"] = "2027-03-01" }, url);
        Assert.Equal(new DateOnly(2027, 3, 1), (await LoadAsync(tenant, contact.Id)).NextTouchOn);

        var future = await client.PostFormAsync($"{url}?handler=LogInteraction", new() { ["Log.Kind"] = "Call", ["Log.OccurredOn"] = "2099-01-01" }, url, expect: HttpStatusCode.OK);
        Assert.Equal(new DateOnly(2026, 11, 1), (await LoadAsync(tenant, contact.Id)).LastContactedOn);
    }

    [Fact]
    public async Task Colleagues_see_shared_contacts_read_only_with_an_audit_trail_and_never_private_or_discoverable_ones()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var shared = await App.CreateContactAsync(tenant, owner.Id, "Rossi", "Sofia", "Bianchi & Partners", ContactVisibility.Shared, "sofia@bianchi.example");
        var discoverable = await App.CreateContactAsync(tenant, owner.Id, "Hidden", "Name", "Toyota Motor Corporation", ContactVisibility.Discoverable, title: "Purchasing Manager");
        var secret = await App.CreateContactAsync(tenant, owner.Id, "Private", "Person", "Secret Holdings KK", ContactVisibility.Private);
        var client = await App.SignInAsync(_acmeSlug, colleague.Email!);

        var sharedPage = await client.GetAsync($"/{_acmeSlug}/contacts/{shared.Id}");
        Assert.Equal(HttpStatusCode.OK, sharedPage.StatusCode);
        var sharedHtml = await sharedPage.Content.ReadAsStringAsync();
        Assert.Contains("Sofia Rossi", sharedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=LogInteraction", sharedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{_acmeSlug}/contacts/{shared.Id}/edit")).StatusCode);
        await client.PostFormAsync($"/{_acmeSlug}/contacts/{shared.Id}/delete", [], $"/{_acmeSlug}/contacts", expect: HttpStatusCode.NotFound);
        await client.PostFormAsync($"/{_acmeSlug}/contacts/{shared.Id}?handler=LogInteraction", new() { ["Log.Kind"] = "Call", ["Log.OccurredOn"] = "2026-01-01" }, $"/{_acmeSlug}/contacts", expect: HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{_acmeSlug}/contacts/{discoverable.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{_acmeSlug}/contacts/{secret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{_acmeSlug}/companies/{secret.OrganizationId}")).StatusCode);

        var company = await client.GetStringAsync($"/{_acmeSlug}/companies/{discoverable.OrganizationId}");
        Assert.Contains("Purchasing Manager", company, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", company, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.DisplayName, company, StringComparison.Ordinal);

        Assert.DoesNotContain("Sofia", await client.GetStringAsync($"/{_acmeSlug}/contacts?q=rossi"), StringComparison.Ordinal);
        var audited = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.SharedContactViewed).Select(a => new { a.ActorUserId, a.Subject }).ToListAsync());
        Assert.Contains(audited, a => a.ActorUserId == colleague.Id && a.Subject == "Sofia Rossi");
    }

    [Fact]
    public async Task The_detail_page_says_how_many_colleagues_know_the_same_person_without_counting_private_contacts()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var two = await App.CreateUserAsync(tenant, $"two@{_acmeSlug}.test");
        var three = await App.CreateUserAsync(tenant, $"three@{_acmeSlug}.test");
        var mine = await App.CreateContactAsync(tenant, owner.Id, "Tanaka", "Haruka", "Toyota", email: "haruka@toyota.example");
        await App.CreateContactAsync(tenant, two.Id, "Tanaka", "H.", "Toyota", ContactVisibility.Discoverable, "HARUKA@toyota.example");
        await App.CreateContactAsync(tenant, three.Id, "Tanaka", "Haruka", "Toyota", ContactVisibility.Private, "haruka@toyota.example");
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);
        var page = await client.GetStringAsync($"/{_acmeSlug}/contacts/{mine.Id}");
        Assert.Contains("1 colleagues also know this person.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_contact_removes_it_and_its_interactions_for_real()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var contact = await App.CreateContactAsync(tenant, owner.Id, "Gone", "Soon", "Globex");
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);
        var url = $"/{_acmeSlug}/contacts/{contact.Id}";
        await client.PostFormAsync($"{url}?handler=LogInteraction", new() { ["Log.Kind"] = "Call", ["Log.OccurredOn"] = "2026-10-01" }, url);
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Interactions.CountAsync(i => i.ContactId == contact.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{url}/delete")).StatusCode);
        var deleted = await client.PostFormAsync($"{url}/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);

        await using var superuser = new Npgsql.NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand($"SELECT (SELECT count(*) FROM contacts WHERE id = '{contact.Id}') + (SELECT count(*) FROM interactions WHERE contact_id = '{contact.Id}')", superuser);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Duplicates_are_explained_merged_with_a_preview_and_the_merge_can_be_undone()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var a = await App.CreateContactAsync(tenant, owner.Id, "Sato", "Hanako", "Mirai Giken", email: "hanako@mirai.example", title: "CTO");
        var b = await App.CreateContactAsync(tenant, owner.Id, "Sato", "Hanako", "㈱Mirai Giken", ContactVisibility.Shared, "h.sato@mirai.example");
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);
        var bUrl = $"/{_acmeSlug}/contacts/{b.Id}";
        await client.PostFormAsync($"{bUrl}?handler=LogInteraction", new() { ["Log.Kind"] = "Meeting", ["Log.OccurredOn"] = "2026-09-09", ["Log.Note"] = "Kickoff" }, bUrl);

        var duplicates = await client.GetStringAsync($"/{_acmeSlug}/contacts/duplicates");
        Assert.Contains("same name at the same company", duplicates, StringComparison.Ordinal);
        var preview = await client.GetStringAsync($"/{_acmeSlug}/contacts/{a.Id}/merge/{b.Id}");
        Assert.Contains("h.sato@mirai.example", preview, StringComparison.Ordinal);

        var merged = await client.PostFormAsync($"/{_acmeSlug}/contacts/{a.Id}/merge/{b.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var survivor = await LoadAsync(tenant, a.Id);
        Assert.Equal(["hanako@mirai.example", "h.sato@mirai.example"], survivor.Emails);
        Assert.Equal(ContactVisibility.Private, survivor.Visibility);
        Assert.Contains("Kickoff", await client.GetStringAsync($"/{_acmeSlug}/contacts/{a.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(bUrl)).StatusCode);
        Assert.Contains("no-duplicates", await client.GetStringAsync($"/{_acmeSlug}/contacts/duplicates"), StringComparison.Ordinal);

        var mergeId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ContactMerges.Select(m => m.Id).SingleAsync());
        var undo = await client.PostFormAsync($"/{_acmeSlug}/contacts/{a.Id}?handler=UndoMerge", new() { ["mergeId"] = mergeId.ToString() }, $"/{_acmeSlug}/contacts/{a.Id}");
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        Assert.Equal(["hanako@mirai.example"], (await LoadAsync(tenant, a.Id)).Emails);
        var restored = await LoadAsync(tenant, b.Id);
        Assert.Equal(ContactVisibility.Shared, restored.Visibility);
        Assert.Contains("Kickoff", await client.GetStringAsync(bUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_hold_only_the_users_own_contacts_and_neutralise_formulas()
    {
        var (tenant, owner) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        await App.CreateContactAsync(tenant, owner.Id, "山田", "太郎", "=cmd|' /C calc'!A0");
        await App.CreateContactAsync(tenant, colleague.Id, "Colleague", "Contact", "Shared Co", ContactVisibility.Shared);
        var client = await App.SignInAsync(_acmeSlug, owner.Email!);

        var csv = await client.GetAsync($"/{_acmeSlug}/contacts/export/csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", csv.Headers.CacheControl!.ToString());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("山田", text, StringComparison.Ordinal);
        Assert.Contains("'=cmd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Colleague", text, StringComparison.Ordinal);

        var vcfResponse = await client.GetAsync($"/{_acmeSlug}/contacts/export/vcf");
        Assert.Equal("no-store", vcfResponse.Headers.CacheControl!.ToString());
        var vcf = await vcfResponse.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCARD", vcf, StringComparison.Ordinal);
        Assert.Contains("VERSION:4.0", vcf, StringComparison.Ordinal);
        Assert.DoesNotContain("Colleague", vcf, StringComparison.Ordinal);
    }

    private Task<Contact> LoadAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().SingleAsync(c => c.Id == id));
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Contacts;
using NetworkSaaS.Tests.Exports;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Privacy;

/// <summary>
/// /{tenant}/privacy/requests: requests from people in the network (APPI 開示・訂正・利用停止・消去; GDPR Art. 15–17) on a
/// clock set to 12:00 on 1 December 2026 in Tokyo (inside the New Year card season, so the campaign list is open).
/// </summary>
public sealed partial class PrivacyRequestTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");
    private readonly string _sakuraSlug = Slug("sakura");

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private SettableClock Clock { get; } = new(Start);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    private sealed record World(Tenant Tenant, AppUser Admin, AppUser Hr, AppUser Owner, AppUser Colleague, Contact PrivateCopy, Contact SharedCopy, Contact Other);

    /// <summary>
    /// 山田太郎 known by two colleagues: a Private copy with his email and his phone as 03-1234-5678, a Shared copy whose
    /// reading is in katakana and whose phone is written internationally; and someone else, 佐藤花子, who must never show.
    /// </summary>
    private async Task<World> WorldAsync(string? slug = null)
    {
        slug ??= _sakuraSlug;
        var (tenant, admin) = await App.CreateTenantAsync(slug, culture: "ja");
        var hr = await App.CreateUserAsync(tenant, $"hr@{slug}.test", Roles.HR);
        var owner = await App.CreateUserAsync(tenant, $"owner@{slug}.test");
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{slug}.test");
        var privateCopy = (await App.CreateContactsAsync(tenant, owner.Id, [new ContactInput
        {
            FamilyName = "山田", GivenName = "太郎", FamilyNameKana = "やまだ", GivenNameKana = "たろう", CompanyName = "Client Corp",
            Title = "部長", Emails = "taro@client.example", Phones = "03-1234-5678", Notes = "=cmd|' /C calc'!A0", Depth = 3,
            Visibility = ContactVisibility.Private,
        }]))[0];
        var sharedCopy = (await App.CreateContactsAsync(tenant, colleague.Id, [new ContactInput
        {
            FamilyName = "山田", GivenName = "太郎", FamilyNameKana = "ヤマダ", GivenNameKana = "タロウ", CompanyName = "Client Corp",
            Title = "Buyer", Phones = "+81 3 1234 5678", Depth = 4, Visibility = ContactVisibility.Shared,
        }]))[0];
        var other = (await App.CreateContactsAsync(tenant, colleague.Id, [new ContactInput
        {
            FamilyName = "佐藤", GivenName = "花子", FamilyNameKana = "さとう", GivenNameKana = "はなこ", CompanyName = "Client Corp",
            Title = "Engineer", Emails = "hanako@client.example", Phones = "03-9999-0000", Depth = 4, Visibility = ContactVisibility.Shared,
        }]))[0];
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Interactions.Add(new Interaction
            {
                ContactId = privateCopy.Id, Kind = InteractionKind.Meal, OccurredOn = new DateOnly(2026, 10, 2), Note = "Lunch about the expo",
                CreatedByUserId = owner.Id, CreatedAt = Start,
            });
            db.Interactions.Add(new Interaction
            {
                ContactId = other.Id, Kind = InteractionKind.Call, OccurredOn = new DateOnly(2026, 10, 3), Note = "Hanako's private note",
                CreatedByUserId = colleague.Id, CreatedAt = Start,
            });
            await db.SaveChangesAsync();
            return true;
        });
        return new World(tenant, admin, hr, owner, colleague, privateCopy, sharedCopy, other);
    }

    private static async Task<Guid> LogRequestAsync(HttpClient client, string slug, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync($"/{slug}/privacy/requests", fields);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/{slug}/privacy/requests/", location, StringComparison.Ordinal);
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    [GeneratedRegex("data-contact-id=\"([0-9a-f-]+)\"")]
    private static partial Regex CopyIds();

    private static List<Guid> Found(string html) => [.. CopyIds().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Order()];

    private Task<List<AuditEntry>> AuditAsync(ITenantInfo tenant, string action) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.At).ToListAsync());

    [Fact]
    public async Task Person_search_reaches_private_contacts_by_email_phone_and_kana_only_for_the_privacy_role_and_every_search_is_audited()
    {
        var w = await WorldAsync();
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new()
        {
            ["Input.Kind"] = "Disclosure", ["Input.PersonEmail"] = "Taro@Client.example", ["Input.Reference"] = "APPI-2026-001",
        });

        // Opening the request searches by what the person gave: the email finds the Private copy.
        Assert.Equal([w.PrivateCopy.Id], Found(await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests/{id}")));
        // The phone in another format finds both copies; the other person never shows.
        var byPhone = await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests/{id}?phone={Uri.EscapeDataString("+81-3-1234-5678")}");
        Assert.Equal(new[] { w.PrivateCopy.Id, w.SharedCopy.Id }.Order(), Found(byPhone));
        Assert.DoesNotContain("佐藤", byPhone, StringComparison.Ordinal);
        Assert.Contains("Lunch about the expo", byPhone, StringComparison.Ordinal);
        // A hiragana reading finds the copy read in katakana; the name with a space or without one is the same name.
        var byKana = await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests/{id}?email=nobody%40nowhere.example&name={Uri.EscapeDataString("やまだ　たろう")}");
        Assert.Equal(new[] { w.PrivateCopy.Id, w.SharedCopy.Id }.Order(), Found(byKana));
        Assert.Equal(new[] { w.PrivateCopy.Id, w.SharedCopy.Id }.Order(),
            Found(await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests/{id}?email=nobody%40nowhere.example&name={Uri.EscapeDataString("山田太郎")}")));

        var searches = await AuditAsync(w.Tenant, AuditActions.PrivacyPersonSearched);
        Assert.Equal(4, searches.Count);
        Assert.All(searches, a => Assert.Equal("APPI-2026-001", a.Subject));
        Assert.All(searches, a => Assert.Equal(w.Hr.Id, a.ActorUserId));
        Assert.Contains(w.PrivateCopy.Id.ToString(), searches[0].Details, StringComparison.Ordinal);
        Assert.All(searches, a => Assert.DoesNotContain("taro@", a.Details!, StringComparison.OrdinalIgnoreCase));
        Assert.Single(await AuditAsync(w.Tenant, AuditActions.PrivacyRequestLogged));

        // Managers and employees are refused, and so is HR once the company keeps privacy requests to Admins.
        var manager = await App.SignInAsync(_sakuraSlug, (await App.CreateUserAsync(w.Tenant, $"manager@{_sakuraSlug}.test", Roles.Manager)).Email!);
        var employee = await App.SignInAsync(_sakuraSlug, w.Colleague.Email!);
        foreach (var refused in new[] { manager, employee })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync($"/{_sakuraSlug}/privacy/requests/{id}?phone=0312345678")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync($"/{_sakuraSlug}/privacy/requests")).StatusCode);
            var token = await refused.AntiforgeryTokenAsync($"/{_sakuraSlug}/account/profile");
            await refused.PostFormWithTokenAsync($"/{_sakuraSlug}/privacy/requests/{id}?handler=StopUse", new() { ["contactIds"] = w.PrivateCopy.Id.ToString() }, token, expect: HttpStatusCode.Forbidden);
        }

        var admin = await App.SignInAsync(_sakuraSlug, w.Admin.Email!);
        await admin.PostFormAsync($"/{_sakuraSlug}/admin/settings?handler=Privacy", new() { ["privacyHandlers"] = "AdminOnly", ["privacyDueDays"] = "14" }, $"/{_sakuraSlug}/admin/settings");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync($"/{_sakuraSlug}/privacy/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync($"/{_sakuraSlug}/privacy/requests")).StatusCode);
        Assert.Equal([w.PrivateCopy.Id], Found(await admin.GetStringAsync($"/{_sakuraSlug}/privacy/requests/{id}")));
        Assert.Equal(5, (await AuditAsync(w.Tenant, AuditActions.PrivacyPersonSearched)).Count);
        Assert.False(await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AnyAsync(c => c.UseStopped)));
    }

    [Fact]
    public async Task The_export_holds_every_copy_with_its_interactions_and_introductions_and_nothing_about_other_people()
    {
        var w = await WorldAsync();
        var requester = await App.CreateUserAsync(w.Tenant, $"requester@{_sakuraSlug}.test");
        await App.InTenantAsync(w.Tenant, async sp =>
        {
            var result = await sp.GetRequiredService<IntroductionService>().RequestAsync(requester.Id,
                new(w.SharedCopy.Id, null, null, IntroductionPurpose.SalesLead, "Need to meet the buyer about the expo", null), CancellationToken.None);
            Assert.True(result.Succeeded, result.Problem?.ToString());
            var other = await sp.GetRequiredService<IntroductionService>().RequestAsync(requester.Id,
                new(w.Other.Id, null, null, IntroductionPurpose.Advisor, "Hanako knows the market", null), CancellationToken.None);
            Assert.True(other.Succeeded, other.Problem?.ToString());
            return true;
        });
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Disclosure", ["Input.PersonName"] = "山田 太郎", ["Input.Reference"] = "R-7" });
        var page = $"/{_sakuraSlug}/privacy/requests/{id}";
        var token = await hr.AntiforgeryTokenAsync(page);
        var copies = new[] { w.PrivateCopy.Id, w.SharedCopy.Id };
        IEnumerable<KeyValuePair<string, string>> Form(string format) =>
            copies.Select(c => new KeyValuePair<string, string>("contactIds", c.ToString())).Append(new("format", format));

        var json = await hr.PostFormMultiAsync($"{page}?handler=Export", Form("json"), token);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var text = await json.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        Assert.Equal("R-7", document.RootElement.GetProperty("reference").GetString());
        var contacts = document.RootElement.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(copies.Order(), contacts.Select(c => c.GetProperty("id").GetGuid()).Order());
        var privateCopy = contacts.Single(c => c.GetProperty("id").GetGuid() == w.PrivateCopy.Id);
        Assert.Equal("Lunch about the expo", privateCopy.GetProperty("interactions")[0].GetProperty("note").GetString());
        Assert.Equal("owner", privateCopy.GetProperty("owner").GetString());
        var sharedCopy = contacts.Single(c => c.GetProperty("id").GetGuid() == w.SharedCopy.Id);
        Assert.Equal("Need to meet the buyer about the expo", sharedCopy.GetProperty("introductions")[0].GetProperty("reason").GetString());
        Assert.Contains("山田", text, StringComparison.Ordinal); // readable Japanese, not \u escapes
        foreach (var foreign in new[] { "佐藤", "hanako", "Hanako", w.Other.Id.ToString() })
        {
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);
        }

        var csv = await hr.PostFormMultiAsync($"{page}?handler=Export", Form("csv"), token);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("record,record_id,contact_id,owner,field,value", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("interaction,", StringComparison.Ordinal) && l.EndsWith(",note,Lunch about the expo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("introduction,", StringComparison.Ordinal) && l.EndsWith(",reason,Need to meet the buyer about the expo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",notes,'=cmd|' /C calc'!A0", StringComparison.Ordinal)); // neutralised, never run as a formula
        Assert.Contains(lines, l => l.Contains(w.SharedCopy.Id.ToString(), StringComparison.Ordinal) && l.EndsWith(",phones,'+81 3 1234 5678", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("佐藤", StringComparison.Ordinal) || l.Contains("anako", StringComparison.Ordinal));

        var exports = await AuditAsync(w.Tenant, AuditActions.PrivacyPersonExported);
        Assert.Equal(2, exports.Count);
        Assert.All(exports, a => Assert.Equal("R-7", a.Subject));
    }

    [Fact]
    public async Task A_correction_changes_the_field_in_every_copy_and_replaces_an_email_or_phone_however_it_is_written()
    {
        var w = await WorldAsync();
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Correction", ["Input.PersonPhone"] = "03 1234 5678" });
        var page = $"/{_sakuraSlug}/privacy/requests/{id}";
        Assert.Equal(new[] { w.PrivateCopy.Id, w.SharedCopy.Id }.Order(), Found(await hr.GetStringAsync(page)));
        var token = await hr.AntiforgeryTokenAsync(page);
        IEnumerable<KeyValuePair<string, string>> Form(string field, string? oldValue, string newValue) =>
            new[] { w.PrivateCopy.Id, w.SharedCopy.Id }.Select(c => new KeyValuePair<string, string>("contactIds", c.ToString()))
                .Append(new("field", field)).Append(new("oldValue", oldValue ?? "")).Append(new("newValue", newValue));

        await hr.PostFormMultiAsync($"{page}?handler=Correct", Form("Title", null, "取締役"), token);
        await hr.PostFormMultiAsync($"{page}?handler=Correct", Form("Phone", "+81312345678", "090-1111-2222"), token);
        await hr.PostFormMultiAsync($"{page}?handler=Correct", Form("Email", "TARO@client.example", "taro.yamada@client.example"), token);

        var copies = await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking()
            .Where(c => c.Id == w.PrivateCopy.Id || c.Id == w.SharedCopy.Id).ToListAsync());
        Assert.All(copies, c => Assert.Equal("取締役", c.Title));
        Assert.All(copies, c => Assert.Equal(["+819011112222"], c.PhonesE164));
        Assert.Equal(["taro.yamada@client.example"], copies.Single(c => c.Id == w.PrivateCopy.Id).Emails);
        Assert.Empty(copies.Single(c => c.Id == w.SharedCopy.Id).Emails);
        var other = await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().SingleAsync(c => c.Id == w.Other.Id));
        Assert.Equal("Engineer", other.Title);
        Assert.Equal(3, (await AuditAsync(w.Tenant, AuditActions.PrivacyPersonCorrected)).Count);
    }

    [Fact]
    public async Task Stop_use_removes_the_person_from_discovery_exports_and_campaign_lists_but_keeps_the_records()
    {
        var w = await WorldAsync();
        var owner = await App.SignInAsync(_sakuraSlug, w.Owner.Email!);
        var employee = await App.SignInAsync(_sakuraSlug, (await App.CreateUserAsync(w.Tenant, $"searcher@{_sakuraSlug}.test")).Email!);
        var discoverPage = $"/{_sakuraSlug}/discover?company=Client+Corp";
        Assert.Contains("山田 太郎", await employee.GetStringAsync(discoverPage), StringComparison.Ordinal);
        Assert.Contains(w.PrivateCopy.Id.ToString(), await owner.GetStringAsync($"/{_sakuraSlug}/campaigns/new-year"), StringComparison.Ordinal);
        Assert.Contains("山田", await owner.GetStringAsync($"/{_sakuraSlug}/contacts/export/csv"), StringComparison.Ordinal);
        Assert.Contains("山田", Encoding.UTF8.GetString((await ExportRuns.FileAsync(App, w.Tenant,
            await ExportRuns.CompletedAsync(App, w.Tenant, w.Hr.Id, ExportKind.CompanyContacts, ExportFormat.Csv)))!), StringComparison.Ordinal);

        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "StopUse", ["Input.PersonName"] = "山田太郎" });
        var page = $"/{_sakuraSlug}/privacy/requests/{id}";
        await hr.PostFormMultiAsync($"{page}?handler=StopUse",
            [new("contactIds", w.PrivateCopy.Id.ToString()), new("contactIds", w.SharedCopy.Id.ToString())], await hr.AntiforgeryTokenAsync(page));

        var discover = await employee.GetStringAsync(discoverPage);
        Assert.DoesNotContain("山田", discover, StringComparison.Ordinal);
        Assert.Contains("佐藤 花子", discover, StringComparison.Ordinal); // the company and everyone else there are still found
        Assert.DoesNotContain(w.PrivateCopy.Id.ToString(), await owner.GetStringAsync($"/{_sakuraSlug}/campaigns/new-year"), StringComparison.Ordinal);
        Assert.DoesNotContain(w.PrivateCopy.Id.ToString(), await owner.GetStringAsync($"/{_sakuraSlug}/campaigns/new-year?view=Other"), StringComparison.Ordinal);
        Assert.DoesNotContain("山田", await owner.GetStringAsync($"/{_sakuraSlug}/contacts/export/csv"), StringComparison.Ordinal);
        var companyExport = Encoding.UTF8.GetString((await ExportRuns.FileAsync(App, w.Tenant,
            await ExportRuns.CompletedAsync(App, w.Tenant, w.Hr.Id, ExportKind.CompanyContacts, ExportFormat.Csv)))!);
        Assert.DoesNotContain("山田", companyExport, StringComparison.Ordinal);
        Assert.Contains("佐藤", companyExport, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await employee.GetAsync($"/{_sakuraSlug}/contacts/{w.SharedCopy.Id}")).StatusCode);

        // The records stay, with their owners, and an owner's later edit does not bring the person back into discovery.
        var kept = await App.InTenantAsync(w.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var shared = await db.Contacts.SingleAsync(c => c.Id == w.SharedCopy.Id);
            shared.Title = "Head buyer";
            await db.SaveChangesAsync();
            var terms = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM discovery_terms WHERE contact_id = {w.SharedCopy.Id}").SingleAsync();
            var keys = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM discovery_person_keys WHERE contact_id = {w.SharedCopy.Id}").SingleAsync();
            return (Stopped: await db.Contacts.CountAsync(c => c.UseStopped), Terms: terms, Keys: keys);
        });
        Assert.Equal((2, 0, 0), kept);
        Assert.DoesNotContain("山田", await employee.GetStringAsync($"/{_sakuraSlug}/discover?keywords=Head+buyer"), StringComparison.Ordinal);
        Assert.Contains("山田", await owner.GetStringAsync($"/{_sakuraSlug}/contacts/{w.PrivateCopy.Id}"), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(w.Tenant, AuditActions.PrivacyPersonUseStopped));
    }

    [Fact]
    public async Task A_copy_deleted_in_bulk_before_the_erasure_does_not_come_back_when_its_owner_undoes_the_delete()
    {
        var w = await WorldAsync();
        var owner = await App.SignInAsync(_sakuraSlug, w.Owner.Email!);
        var ownerToken = await owner.AntiforgeryTokenAsync($"/{_sakuraSlug}/contacts");
        await owner.PostFormMultiAsync($"/{_sakuraSlug}/contacts/bulk", [new("Edit.Action", "Delete"), new("Ids", w.PrivateCopy.Id.ToString())], ownerToken);

        // The person's request arrives while the owner's deleted copy waits in the bulk change's undo copy.
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Erasure", ["Input.PersonEmail"] = "taro@client.example", ["Input.PersonPhone"] = "03-1234-5678" });
        var page = $"/{_sakuraSlug}/privacy/requests/{id}";
        var token = await hr.AntiforgeryTokenAsync(page);
        await hr.PostFormMultiAsync($"{page}?handler=Erase", [new("contactIds", w.SharedCopy.Id.ToString()), new("confirm", "true")], token);

        var changeId = await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().BulkChanges.Select(b => b.Id).SingleAsync());
        await owner.PostFormAsync($"/{_sakuraSlug}/contacts/bulk?handler=Undo", new() { ["changeId"] = changeId.ToString() }, $"/{_sakuraSlug}/contacts");

        Assert.Equal([w.Other.Id], await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Select(c => c.Id).ToListAsync()));
    }

    [Fact]
    public async Task After_an_erasure_a_reimport_by_email_or_by_phone_in_another_format_is_skipped_and_a_manual_add_is_refused()
    {
        var w = await WorldAsync();
        var requester = await App.CreateUserAsync(w.Tenant, $"requester@{_sakuraSlug}.test");
        var introduction = await App.InTenantAsync(w.Tenant, async sp =>
            (await sp.GetRequiredService<IntroductionService>().RequestAsync(requester.Id,
                new(w.SharedCopy.Id, null, null, IntroductionPurpose.SalesLead, "Taro Yamada is the buyer", null), CancellationToken.None)).RequestId!.Value);
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var id = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Erasure", ["Input.PersonEmail"] = "taro@client.example", ["Input.PersonPhone"] = "03-1234-5678" });
        var page = $"/{_sakuraSlug}/privacy/requests/{id}";
        var token = await hr.AntiforgeryTokenAsync(page);
        KeyValuePair<string, string>[] copies = [new("contactIds", w.PrivateCopy.Id.ToString()), new("contactIds", w.SharedCopy.Id.ToString())];
        await hr.PostFormMultiAsync($"{page}?handler=Erase", copies, token); // without the confirmation: nothing happens
        Assert.Equal(3, await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
        await hr.PostFormMultiAsync($"{page}?handler=Erase", copies.Append(new("confirm", "true")), token);

        var (left, interactions, request) = await App.InTenantAsync(w.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Contacts.Select(c => c.Id).ToListAsync(), await db.Interactions.CountAsync(i => i.ContactId == w.PrivateCopy.Id),
                await db.IntroductionRequests.AsNoTracking().SingleAsync(r => r.Id == introduction));
        });
        Assert.Equal([w.Other.Id], left);
        Assert.Equal(0, interactions);
        Assert.Null(request.ContactId);
        Assert.Equal("", request.Reason);
        Assert.DoesNotContain("Buyer", request.TargetSummary, StringComparison.Ordinal);
        Assert.Single(await AuditAsync(w.Tenant, AuditActions.PrivacyPersonErased));

        // The suppression list holds keyed hashes only.
        await using (var superuser = new NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT s::text FROM privacy_suppressions AS s WHERE s.tenant_id = @tenant", superuser);
            read.Parameters.AddWithValue("tenant", w.Tenant.Id);
            var rows = new List<string>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetString(0));
                }
            }

            Assert.Equal(2, rows.Count); // one email, one phone (the two ways of writing it are one E.164 number)
            foreach (var row in rows)
            {
                foreach (var plain in new[] { "taro", "client.example", "+81312345678", "0312345678", "03-1234-5678", "山田" })
                {
                    Assert.DoesNotContain(plain, row, StringComparison.Ordinal);
                }
            }
        }

        // A colleague imports a file with the person under another name: by email in capitals, by phone written another way.
        var importer = await App.SignInAsync(_sakuraSlug, w.Colleague.Email!);
        var csv = string.Join("\r\n",
            ContactFileReader.GenericCsvTemplateHeader,
            "Yamada,T.,,,Client Corp,,,TARO@Client.example,,,,,,",
            "山田,たろう,,,,,,,+81 3-1234-5678,,,,,",
            "Suzuki,Ichiro,,,Client Corp,,,ichiro@client.example,,,,,,") + "\r\n";
        var batch = (await ImportTests.UploadAsync(importer, _sakuraSlug, "contacts.csv", Encoding.UTF8.GetBytes(csv))).Headers.Location!.OriginalString;
        var preview = await importer.GetStringAsync(batch);
        Assert.Contains("data-create=\"1\"", preview, StringComparison.Ordinal);
        var rejected = Regex.Match(preview, "id=\"import-rejected\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<tr><td>2</td><td>スキップ: 本人の請求により情報を消去した人物のため、再登録しません。</td></tr>", rejected, StringComparison.Ordinal);
        Assert.Contains("<tr><td>3</td><td>スキップ: 本人の請求により情報を消去した人物のため、再登録しません。</td></tr>", rejected, StringComparison.Ordinal);
        await importer.PostFormAsync($"{batch}?handler=Start", [], batch);
        var names = await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.OwnerId == w.Colleague.Id)
            .Select(c => c.DisplayName).ToListAsync());
        Assert.Equal(["Ichiro Suzuki", "佐藤 花子"], names.Order(StringComparer.Ordinal));
        Assert.Contains("id=\"import-result\"", await importer.GetStringAsync(batch), StringComparison.Ordinal);

        // The manual add form warns and creates nothing, for the email and for the phone.
        foreach (var (emails, phones) in new[] { ("taro@client.example", ""), ("", "(03) 1234-5678") })
        {
            var added = await importer.PostFormAsync($"/{_sakuraSlug}/contacts/new", new()
            {
                ["Input.FamilyName"] = "Yamada", ["Input.GivenName"] = "Taro", ["Input.Emails"] = emails, ["Input.Phones"] = phones,
                ["Input.Depth"] = "3", ["Input.Visibility"] = "Private", ["Input.Channel"] = "Other",
            }, expect: HttpStatusCode.OK);
            var body = await added.Content.ReadAsStringAsync();
            Assert.Contains("本人の請求により情報を消去済み", body, StringComparison.Ordinal);
        }

        Assert.Equal(2, await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
        await importer.PostFormAsync($"/{_sakuraSlug}/contacts/new", new()
        {
            ["Input.FamilyName"] = "Yamada", ["Input.GivenName"] = "Hanako", ["Input.Emails"] = "someone.else@client.example",
            ["Input.Depth"] = "3", ["Input.Visibility"] = "Private", ["Input.Channel"] = "Other",
        });
        Assert.Equal(3, await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
    }

    [Fact]
    public async Task Due_dates_follow_the_company_period_and_an_overdue_request_is_highlighted_until_it_is_closed()
    {
        var w = await WorldAsync();
        var hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        var recent = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Disclosure", ["Input.PersonName"] = "山田太郎", ["Input.Reference"] = "RECENT" });
        var old = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "Erasure", ["Input.PersonName"] = "佐藤花子", ["Input.Reference"] = "OLD", ["Input.ReceivedOn"] = "2026-11-01" });
        var chosen = await LogRequestAsync(hr, _sakuraSlug, new()
        {
            ["Input.Kind"] = "Correction", ["Input.PersonEmail"] = "a@b.example", ["Input.ReceivedOn"] = "2026-11-20", ["Input.DueOn"] = "2027-01-20",
        });
        var admin = await App.SignInAsync(_sakuraSlug, w.Admin.Email!);
        await admin.PostFormAsync($"/{_sakuraSlug}/admin/settings?handler=Privacy", new() { ["privacyHandlers"] = "AdminAndHR", ["privacyDueDays"] = "30" }, $"/{_sakuraSlug}/admin/settings");
        var later = await LogRequestAsync(hr, _sakuraSlug, new() { ["Input.Kind"] = "StopUse", ["Input.PersonPhone"] = "03-1111-2222", ["Input.Reference"] = "LATER" });
        await hr.PostFormAsync($"/{_sakuraSlug}/privacy/requests", new() { ["Input.Kind"] = "StopUse", ["Input.PersonPhone"] = "1", ["Input.ReceivedOn"] = "2026-12-02" },
            expect: HttpStatusCode.OK); // received tomorrow: refused
        await hr.PostFormAsync($"/{_sakuraSlug}/privacy/requests", new() { ["Input.Kind"] = "StopUse", ["Input.Reference"] = "NOBODY" }, expect: HttpStatusCode.OK);

        var requests = await App.InTenantAsync(w.Tenant, sp => sp.GetRequiredService<AppDbContext>().PrivacyRequests.AsNoTracking().ToDictionaryAsync(r => r.Id));
        Assert.Equal(4, requests.Count);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15)), (requests[recent].ReceivedOn, requests[recent].DueOn)); // 14 days by default
        Assert.Equal(new DateOnly(2026, 11, 15), requests[old].DueOn);
        Assert.Equal(new DateOnly(2027, 1, 20), requests[chosen].DueOn);
        Assert.Equal(new DateOnly(2026, 12, 31), requests[later].DueOn);
        Assert.StartsWith("PR-20261120-", requests[chosen].Reference, StringComparison.Ordinal);

        var list = await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests");
        Assert.Equal(["OLD", "RECENT", "LATER", requests[chosen].Reference], Regex.Matches(list, "data-reference=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Matches("class=\"table-danger\" data-reference=\"OLD\" data-overdue=\"true\"", list);
        Assert.Contains("data-reference=\"RECENT\" data-overdue=\"false\"", list, StringComparison.Ordinal);

        // Fifteen days later the recent one is overdue too (the company's "today", in Tokyo).
        Clock.UtcNow = Start.AddDays(15);
        hr = await App.SignInAsync(_sakuraSlug, w.Hr.Email!);
        Assert.Contains("data-reference=\"RECENT\" data-overdue=\"true\"", await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests"), StringComparison.Ordinal);

        await hr.PostFormAsync($"/{_sakuraSlug}/privacy/requests/{old}?handler=Close", [], $"/{_sakuraSlug}/privacy/requests/{old}");
        var open = await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests");
        Assert.DoesNotContain("data-reference=\"OLD\"", open, StringComparison.Ordinal);
        Assert.Contains("data-reference=\"OLD\" data-overdue=\"false\"", await hr.GetStringAsync($"/{_sakuraSlug}/privacy/requests?closed=true"), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(w.Tenant, AuditActions.PrivacyRequestClosed));
    }

    [Fact]
    public async Task A_privacy_search_in_one_company_never_finds_another_companys_contacts_nor_applies_its_erasures()
    {
        var b = await WorldAsync(_bravoSlug);
        var (alpha, alphaAdmin) = await App.CreateTenantAsync(_alphaSlug, culture: "ja");
        var alphaOwner = await App.CreateUserAsync(alpha, $"owner@{_alphaSlug}.test");
        var admin = await App.SignInAsync(_alphaSlug, alphaAdmin.Email!);
        var id = await LogRequestAsync(admin, _alphaSlug, new()
        {
            ["Input.Kind"] = "Disclosure", ["Input.PersonEmail"] = "taro@client.example", ["Input.PersonPhone"] = "03-1234-5678", ["Input.PersonName"] = "山田太郎",
        });
        var page = await admin.GetStringAsync($"/{_alphaSlug}/privacy/requests/{id}");
        Assert.Empty(Found(page));
        Assert.Contains("id=\"no-matches\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(b.PrivateCopy.Id.ToString(), page, StringComparison.Ordinal);

        // Bravo erases the person; Alpha may still add them.
        var hr = await App.SignInAsync(_bravoSlug, b.Hr.Email!);
        var erase = await LogRequestAsync(hr, _bravoSlug, new() { ["Input.Kind"] = "Erasure", ["Input.PersonEmail"] = "taro@client.example" });
        await hr.PostFormMultiAsync($"/{_bravoSlug}/privacy/requests/{erase}?handler=Erase",
            [new("contactIds", b.PrivateCopy.Id.ToString()), new("contactIds", b.SharedCopy.Id.ToString()), new("confirm", "true")],
            await hr.AntiforgeryTokenAsync($"/{_bravoSlug}/privacy/requests/{erase}"));
        var owner = await App.SignInAsync(_alphaSlug, alphaOwner.Email!);
        await owner.PostFormAsync($"/{_alphaSlug}/contacts/new", new()
        {
            ["Input.FamilyName"] = "山田", ["Input.GivenName"] = "太郎", ["Input.Emails"] = "taro@client.example", ["Input.Phones"] = "03-1234-5678",
            ["Input.Depth"] = "3", ["Input.Visibility"] = "Private", ["Input.Channel"] = "Other",
        });
        Assert.Equal(1, await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
        // Bravo's request id under Alpha's path is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/{_alphaSlug}/privacy/requests/{erase}")).StatusCode);
    }
}

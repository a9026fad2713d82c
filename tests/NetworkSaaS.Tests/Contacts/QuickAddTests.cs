using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Contacts;

public sealed class QuickAddTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _bravoSlug = Slug("bravo");

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static Dictionary<string, string> Quick(string family, string given, string? company = null, string? metAt = null, string depth = "1", string? note = null) => new()
    {
        ["Input.FamilyName"] = family,
        ["Input.GivenName"] = given,
        ["Input.CompanyName"] = company ?? "",
        ["Input.Channel"] = "ExchangeEvent",
        ["Input.MetOn"] = "2026-12-01",
        ["Input.MetAt"] = metAt ?? "",
        ["Input.Depth"] = depth,
        ["Input.Notes"] = note ?? "",
    };

    private Task<Contact> StoredAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().SingleAsync(c => c.Id == id));

    private Guid AddedId(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/{_acmeSlug}/contacts/quick?added=", location, StringComparison.Ordinal);
        return Guid.Parse(location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public async Task Quick_add_saves_only_its_fields_with_the_company_defaults_and_remembers_the_event_for_the_next_person()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);

        var first = await client.GetStringAsync($"/{_acmeSlug}/contacts/quick");
        Assert.Contains("value=\"2026-12-01\"", first, StringComparison.Ordinal); // today where the company is
        Assert.Matches("<option[^>]*value=\"ExchangeEvent\"[^>]*selected|<option[^>]*selected[^>]*value=\"ExchangeEvent\"", first);

        var form = Quick("Tanaka", "Yui", "Blue Ocean Ltd", "Tokyo Logistics Expo", depth: "2", note: "Wants a demo in January");
        // Fields the quick form does not show are not taken even when posted: they keep the new-contact defaults.
        form["Input.Visibility"] = "Shared";
        form["Input.Tags"] = "vip";
        form["Input.OpenToSales"] = "true";
        form["Input.CadenceDays"] = "30";
        form["Input.Emails"] = "yui@blue-ocean.example";
        var saved = await client.PostFormAsync($"/{_acmeSlug}/contacts/quick", form, $"/{_acmeSlug}/contacts/quick");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var contact = await StoredAsync(tenant, AddedId(saved));
        Assert.Equal(("Tanaka", "Yui", "Blue Ocean Ltd"), (contact.FamilyName, contact.GivenName, contact.CompanyName));
        Assert.Equal((MeetingChannel.ExchangeEvent, new DateOnly(2026, 12, 1), "Tokyo Logistics Expo"), (contact.Channel, contact.MetOn, contact.MetAt));
        Assert.Equal((2, "Wants a demo in January"), (contact.Depth, contact.Notes));
        Assert.Equal(admin.Id, contact.OwnerId);
        Assert.Equal(tenant.DefaultContactVisibility, contact.Visibility);
        Assert.Empty(contact.Tags);
        Assert.Empty(contact.Emails);
        Assert.Equal(OpenTo.None, contact.OpenTo);
        Assert.Null(contact.CadenceDays);
        Assert.NotNull(contact.NextTouchOn); // derived by the same writer as the full form

        var next = await client.GetStringAsync($"/{_acmeSlug}/contacts/quick?added={contact.Id}");
        Assert.Contains("value=\"Tokyo Logistics Expo\"", next, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{_acmeSlug}/contacts/{contact.Id}/edit\"", next, StringComparison.Ordinal);
        Assert.Contains("Yui Tanaka was added to your network.", next, StringComparison.Ordinal);

        // A later contact met elsewhere (not at an exchange event) does not replace the remembered event; the next event does.
        var lunch = Quick("Mori", "Ken", metAt: "Lunch in Shinagawa");
        lunch["Input.Channel"] = "FriendOrAcquaintance";
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        await client.PostFormAsync($"/{_acmeSlug}/contacts/quick", lunch, $"/{_acmeSlug}/contacts/quick");
        Assert.Contains("value=\"Tokyo Logistics Expo\"", await client.GetStringAsync($"/{_acmeSlug}/contacts/quick"), StringComparison.Ordinal);
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        await client.PostFormAsync($"/{_acmeSlug}/contacts/new", new()
        {
            ["Input.FamilyName"] = "Sato", ["Input.Channel"] = "ExchangeEvent", ["Input.MetAt"] = "Osaka DX Forum", ["Input.Depth"] = "1", ["Input.Visibility"] = "Private",
        }, $"/{_acmeSlug}/contacts/new");
        Assert.Contains("value=\"Osaka DX Forum\"", await client.GetStringAsync($"/{_acmeSlug}/contacts/quick"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_add_refuses_a_person_without_a_name_a_future_date_or_an_unknown_depth_in_the_users_language()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);

        var noName = await client.PostFormAsync($"/{_acmeSlug}/contacts/quick", Quick("", "", "株式会社ミライ", "展示会"), $"/{_acmeSlug}/contacts/quick", expect: HttpStatusCode.OK);
        Assert.Contains("姓または名の少なくとも一方を入力してください。", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var future = Quick("山田", "花子");
        future["Input.MetOn"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var inFuture = await client.PostFormAsync($"/{_acmeSlug}/contacts/quick", future, $"/{_acmeSlug}/contacts/quick", expect: HttpStatusCode.OK);
        Assert.Contains("今日以前の日付を入力してください。", await inFuture.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooDeep = await client.PostFormAsync($"/{_acmeSlug}/contacts/quick", Quick("山田", "花子", depth: "9"), $"/{_acmeSlug}/contacts/quick", expect: HttpStatusCode.OK);
        Assert.Contains("関係の深さを1〜5から選択してください。", await tooDeep.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
    }

    [Fact]
    public async Task Quick_add_never_shows_or_remembers_anything_of_a_colleague_or_another_company()
    {
        var (alpha, alphaAdmin) = await App.CreateTenantAsync(_acmeSlug);
        var (bravo, bravoAdmin) = await App.CreateTenantAsync(_bravoSlug);
        var colleague = await App.CreateUserAsync(alpha, $"colleague@{_acmeSlug}.test");
        var alphaClient = await App.SignInAsync(_acmeSlug, alphaAdmin.Email!);
        var secret = await StoredAsync(alpha, AddedId(await alphaClient.PostFormAsync($"/{_acmeSlug}/contacts/quick", Quick("Secret", "Person", "Hidden Corp", "Private Summit"), $"/{_acmeSlug}/contacts/quick")));

        var colleagueClient = await App.SignInAsync(_acmeSlug, colleague.Email!);
        var colleaguePage = await colleagueClient.GetStringAsync($"/{_acmeSlug}/contacts/quick?added={secret.Id}");
        Assert.DoesNotContain("Private Summit", colleaguePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", colleaguePage, StringComparison.Ordinal);

        var bravoClient = await App.SignInAsync(_bravoSlug, bravoAdmin.Email!);
        var bravoPage = await bravoClient.GetStringAsync($"/{_bravoSlug}/contacts/quick?added={secret.Id}");
        Assert.DoesNotContain("Private Summit", bravoPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", bravoPage, StringComparison.Ordinal);

        // Company A's cookie cannot add a contact in company B.
        var token = await alphaClient.AntiforgeryTokenAsync($"/{_acmeSlug}/contacts/quick");
        var crossed = await alphaClient.PostFormWithTokenAsync($"/{_bravoSlug}/contacts/quick", Quick("Intruder", "Eve", metAt: "Crossed"), token, expect: HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync()));
    }
}

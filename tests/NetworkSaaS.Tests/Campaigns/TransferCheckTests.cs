using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>The April transfer season (異動): confirm or correct each contact's company, department and title once a year.</summary>
public sealed partial class TransferCheckTests(PostgresCluster cluster)
    : CampaignTest(cluster, new DateTimeOffset(2026, 4, 6, 1, 0, 0, TimeSpan.Zero)) // Monday 6 April, 10:00 in Tokyo
{
    private const string Transfers = "/sakura/campaigns/transfers";

    [GeneratedRegex("<li class=\"list-group-item\" data-contact=\"([0-9a-f-]{36})\"")]
    private static partial Regex Row();

    private static List<Guid> Rows(string html) => [.. Row().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    [Fact]
    public async Task People_at_companies_and_deeper_relationships_come_first_and_confirmed_ones_leave_the_list_until_next_year()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@sakura.test");
        var shallow = await AddContactAsync(tenant, me, "佐藤", "花子", depth: 2, company: "株式会社さくらフーズ", title: "課長");
        var deep = await AddContactAsync(tenant, me, "山田", "太郎", depth: 5, company: "株式会社ミライ技研", department: "営業部", title: "部長");
        var friend = await AddContactAsync(tenant, me, "鈴木", "一郎", depth: 5);
        var theirs = await AddContactAsync(tenant, colleague, "渡辺", "亮", depth: 5, company: "株式会社ひかり製薬");
        var client = await App.SignInAsync("sakura", me.Email!);

        var page = await client.GetStringAsync(Transfers);
        Assert.Contains("2026年 異動シーズンの所属・役職確認", page, StringComparison.Ordinal);
        Assert.Equal([deep.Id, shallow.Id, friend.Id], Rows(page));
        Assert.Contains("未確認：3件 · 変更なし：0件 · 更新：0件", page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Id.ToString(), page, StringComparison.Ordinal);

        var unchanged = await PostAsync(client, $"{Transfers}?handler=Unchanged", deep.Id);
        AssertRedirect(unchanged);
        Assert.Contains("変更なしとして今年の確認を記録しました。", await client.GetStringAsync(unchanged.Headers.Location!.OriginalString), StringComparison.Ordinal);
        AssertRedirect(await PostAsync(client, $"{Transfers}?handler=Update", shallow.Id, new()
        {
            ["Position.CompanyName"] = "株式会社ブルーオーシャン", ["Position.Department"] = " 経営企画部 ", ["Position.Title"] = "部長",
        }));

        page = await client.GetStringAsync(Transfers);
        Assert.Equal([friend.Id], Rows(page));
        Assert.Contains("未確認：1件 · 変更なし：1件 · 更新：1件", page, StringComparison.Ordinal);
        var moved = await LoadContactAsync(tenant, shallow.Id);
        Assert.Equal(("株式会社ブルーオーシャン", "経営企画部", "部長"), (moved.CompanyName, moved.Department, moved.Title));
        Assert.NotEqual(shallow.OrganizationId, moved.OrganizationId);
        var organization = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Organizations.SingleAsync(o => o.Id == moved.OrganizationId));
        Assert.Equal("株式会社ブルーオーシャン", organization.Name);
        Assert.Contains("経営企画部", moved.SearchText, StringComparison.Ordinal);
        Assert.Equal(("株式会社ミライ技研", "部長"), ((await LoadContactAsync(tenant, deep.Id)).CompanyName, (await LoadContactAsync(tenant, deep.Id)).Title));
        Assert.Empty(await InteractionsAsync(tenant, shallow.Id)); // a title change is no touch: the cadence is not reset

        // An "update" that changes nothing counts as unchanged; the double submit confirms once.
        AssertRedirect(await PostAsync(client, $"{Transfers}?handler=Update", friend.Id, new() { ["Position.CompanyName"] = "" }));
        AssertRedirect(await PostAsync(client, $"{Transfers}?handler=Update", friend.Id, new() { ["Position.CompanyName"] = "株式会社二重送信" }));
        Assert.Contains("この連絡先は今年すでに確認済みです。", await client.GetStringAsync(Transfers), StringComparison.Ordinal);
        Assert.Null((await LoadContactAsync(tenant, friend.Id)).CompanyName);
        var outcomes = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().TransferConfirmations
            .ToDictionaryAsync(t => t.ContactId, t => (t.Year, t.Outcome)));
        Assert.Equal(3, outcomes.Count);
        Assert.Equal((2026, TransferOutcome.Unchanged), outcomes[deep.Id]);
        Assert.Equal((2026, TransferOutcome.Updated), outcomes[shallow.Id]);
        Assert.Equal((2026, TransferOutcome.Unchanged), outcomes[friend.Id]);
        Assert.Contains("今年の確認はすべて完了しました。", await client.GetStringAsync(Transfers), StringComparison.Ordinal);

        // June: closed. Next April: everyone is back.
        Clock.UtcNow = new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero);
        client = await App.SignInAsync("sakura", me.Email!); // the sign-in cookie lives on the same clock
        Assert.Contains("このリストは2027-04-01から利用できます。", await client.GetStringAsync(Transfers), StringComparison.Ordinal);
        AssertRedirect(await PostAsync(client, $"{Transfers}?handler=Unchanged", deep.Id));
        Assert.Equal(3, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().TransferConfirmations.CountAsync()));
        Clock.UtcNow = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
        client = await App.SignInAsync("sakura", me.Email!);
        Assert.Equal([deep.Id, moved.Id, friend.Id], Rows(await client.GetStringAsync(Transfers)));
    }

    [Fact]
    public async Task Two_confirmations_of_the_same_contact_at_once_record_one()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var contact = await AddContactAsync(tenant, me, "山田", "太郎", depth: 4, company: "株式会社ミライ技研", title: "課長");
        var results = await Task.WhenAll(
            App.InTenantAsync(tenant, sp => sp.GetRequiredService<Web.Features.Campaigns.TransferChecks>().ConfirmAsync(me.Id, contact.Id, 2026,
                new Web.Features.Campaigns.PositionInput { CompanyName = "株式会社ミライ技研", Title = "部長" }, CancellationToken.None)),
            App.InTenantAsync(tenant, sp => sp.GetRequiredService<Web.Features.Campaigns.TransferChecks>().ConfirmAsync(me.Id, contact.Id, 2026,
                new Web.Features.Campaigns.PositionInput { CompanyName = "株式会社ミライ技研", Title = "本部長" }, CancellationToken.None)));
        Assert.Single(results, r => r == Web.Features.Campaigns.ConfirmResult.Updated);
        Assert.Single(results, r => r == Web.Features.Campaigns.ConfirmResult.AlreadyConfirmed);
        var confirmation = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().TransferConfirmations.SingleAsync());
        Assert.Equal(TransferOutcome.Updated, confirmation.Outcome);
        Assert.Contains((await LoadContactAsync(tenant, contact.Id)).Title, new[] { "部長", "本部長" });
    }

    [Fact]
    public async Task A_too_long_update_is_refused_with_the_row_shown_again_and_another_users_contact_is_404()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@sakura.test");
        var mine = await AddContactAsync(tenant, me, "山田", "太郎", depth: 4, company: "株式会社ミライ技研", title: "課長");
        var theirs = await AddContactAsync(tenant, colleague, "渡辺", "亮", depth: 5, company: "株式会社ひかり製薬", title: "部長");
        var client = await App.SignInAsync("sakura", me.Email!);

        var tooLong = await PostAsync(client, $"{Transfers}?handler=Update", mine.Id, new() { ["Position.Title"] = new string('長', 201) }, expect: HttpStatusCode.OK);
        var html = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("200", html, StringComparison.Ordinal);
        Assert.Contains(new string('長', 201), html, StringComparison.Ordinal);
        Assert.Equal("課長", (await LoadContactAsync(tenant, mine.Id)).Title);

        await PostAsync(client, $"{Transfers}?handler=Unchanged", theirs.Id, expect: HttpStatusCode.NotFound);
        await PostAsync(client, $"{Transfers}?handler=Update", theirs.Id, new() { ["Position.Title"] = "平社員" }, expect: HttpStatusCode.NotFound);
        Assert.Equal("部長", (await LoadContactAsync(tenant, theirs.Id)).Title);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().TransferConfirmations.CountAsync()));
    }

    [Fact]
    public async Task A_long_list_is_paged_and_a_confirmation_returns_to_the_same_page()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var contacts = await AddManyContactsAsync(tenant, me, 52, depth: 3, company: "株式会社ミライ技研");
        var client = await App.SignInAsync("sakura", me.Email!);

        var first = await client.GetStringAsync(Transfers);
        Assert.Equal(contacts.Take(50).Select(c => c.Id), Rows(first));
        Assert.Contains("href=\"/sakura/campaigns/transfers?page=2\"", first, StringComparison.Ordinal);
        Assert.Equal(contacts.Skip(50).Select(c => c.Id), Rows(await client.GetStringAsync($"{Transfers}?page=2")));

        var confirmed = await PostAsync(client, $"{Transfers}?page=2&handler=Unchanged", contacts[51].Id);
        Assert.Equal("/sakura/campaigns/transfers?page=2", confirmed.Headers.Location!.OriginalString);
        Assert.Equal([contacts[50].Id], Rows(await client.GetStringAsync($"{Transfers}?page=2")));
        AssertRedirect(await PostAsync(client, $"{Transfers}?page=2&handler=Unchanged", contacts[50].Id));
        Assert.Equal(contacts.Take(50).Select(c => c.Id), Rows(await client.GetStringAsync($"{Transfers}?page=2"))); // past the end: the last page
    }
}

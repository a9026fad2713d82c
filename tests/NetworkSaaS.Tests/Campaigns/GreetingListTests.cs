using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Campaigns;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>The New Year (年賀状) and summer (暑中見舞い) lists: who is on them, mourning, include/exclude, mark sent, the label CSV.</summary>
public sealed partial class GreetingListTests(PostgresCluster cluster)
    : CampaignTest(cluster, new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero)) // 12:00 on 1 December in Tokyo
{
    private const string NewYear = "/sakura/campaigns/new-year";

    [Fact]
    public async Task The_new_year_list_suggests_depth_three_and_up_and_last_seasons_greetings_and_leaves_out_mourning_and_excluded_contacts()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@sakura.test");
        var deep = await AddContactAsync(tenant, me, "山田", "太郎", depth: 3, address: "東京都千代田区丸の内1-1-1", familyKana: "やまだ", givenKana: "たろう");
        var cardLastSeason = await AddContactAsync(tenant, me, "佐藤", "花子", depth: 1, familyKana: "さとう", givenKana: "はなこ");
        await LogGreetingAsync(tenant, cardLastSeason, new DateOnly(2026, 1, 3));
        var summerOnly = await AddContactAsync(tenant, me, "鈴木", "一郎", depth: 2, familyKana: "すずき", givenKana: "いちろう");
        await LogGreetingAsync(tenant, summerOnly, new DateOnly(2026, 7, 20)); // a 暑中見舞い: not a New Year card
        var mourning = await AddContactAsync(tenant, me, "高橋", "誠", depth: 5, familyKana: "たかはし", givenKana: "まこと");
        var excluded = await AddContactAsync(tenant, me, "田中", "恵", depth: 4, familyKana: "たなか", givenKana: "めぐみ");
        var addedByHand = await AddContactAsync(tenant, me, "伊藤", "愛", depth: 1, familyKana: "いとう", givenKana: "あい");
        var colleagues = await AddContactAsync(tenant, colleague, "渡辺", "亮", depth: 5, address: "大阪府大阪市北区1-1");
        var client = await App.SignInAsync("sakura", me.Email!);

        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Exclude", excluded.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Include", addedByHand.Id));

        var page = await client.GetStringAsync(NewYear);
        Assert.Contains("2027年の年賀状", page, StringComparison.Ordinal);
        Assert.Equal([addedByHand.Id, cardLastSeason.Id, deep.Id], ListedContacts(page)); // kana order
        Assert.Contains("送付リスト：3件", page, StringComparison.Ordinal);
        Assert.Contains("住所未登録：2件", page, StringComparison.Ordinal);
        Assert.Contains("昨シーズンにやり取りあり", page, StringComparison.Ordinal);
        Assert.Contains("手動で追加", page, StringComparison.Ordinal);
        Assert.Contains("関係の深さ 3", page, StringComparison.Ordinal);

        var mourningView = await client.GetStringAsync($"{NewYear}?view=Mourning");
        Assert.Equal([mourning.Id], ListedContacts(mourningView));
        Assert.Contains("寒中見舞い", mourningView, StringComparison.Ordinal);
        Assert.Contains("1月8日から2月3日まで", mourningView, StringComparison.Ordinal);
        Assert.Equal([excluded.Id], ListedContacts(await client.GetStringAsync($"{NewYear}?view=Excluded")));
        var others = await client.GetStringAsync($"{NewYear}?view=Other");
        Assert.Equal([summerOnly.Id], ListedContacts(others));
        Assert.Equal([summerOnly.Id], ListedContacts(await client.GetStringAsync($"{NewYear}?view=Other&q={Uri.EscapeDataString("スズキ")}"))); // katakana finds the hiragana reading
        Assert.Equal([summerOnly.Id], ListedContacts(await client.GetStringAsync($"{NewYear}?view=Other&q={Uri.EscapeDataString("鈴木")}")));
        Assert.Empty(ListedContacts(await client.GetStringAsync($"{NewYear}?view=Other&q={Uri.EscapeDataString("山田")}"))); // on the list, not among the others

        foreach (var view in new[] { "OnList", "Mourning", "Excluded", "Other" })
        {
            var html = await client.GetStringAsync($"{NewYear}?view={view}");
            Assert.DoesNotContain(colleagues.Id.ToString(), html, StringComparison.Ordinal);
            Assert.DoesNotContain("渡辺", html, StringComparison.Ordinal);
        }

        // Out of mourning and back on the list, then off the list again: the last choice counts.
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=EndMourning&view=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Include&view=Excluded", excluded.Id));
        Assert.Equal([addedByHand.Id, cardLastSeason.Id, mourning.Id, excluded.Id, deep.Id], ListedContacts(await client.GetStringAsync(NewYear)));
    }

    [Fact]
    public async Task Marking_a_card_sent_logs_one_seasonal_greeting_and_resets_the_cadence_even_when_posted_twice_or_three_times_at_once()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var overdue = await AddContactAsync(tenant, me, "山田", "太郎", depth: 3);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == overdue.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LastContactedOn, new DateOnly(2026, 6, 1))
            .SetProperty(c => c.NextTouchOn, new DateOnly(2026, 8, 30))
            .SetProperty(c => c.SnoozedUntil, new DateOnly(2026, 8, 30))));
        var client = await App.SignInAsync("sakura", me.Email!);

        var first = await PostAsync(client, $"{NewYear}?handler=Sent", overdue.Id);
        AssertRedirect(first);
        Assert.Equal("/sakura/campaigns/new-year?view=OnList", first.Headers.Location!.OriginalString);
        Assert.Contains("送付済みにし、連絡先の履歴に記録しました。", await client.GetStringAsync(first.Headers.Location.OriginalString), StringComparison.Ordinal);
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Sent", overdue.Id)); // the double submit
        Assert.Contains("この方はすでに送付済みです。", await client.GetStringAsync(NewYear), StringComparison.Ordinal);

        var logged = Assert.Single(await InteractionsAsync(tenant, overdue.Id));
        Assert.Equal(InteractionKind.SeasonalGreeting, logged.Kind);
        Assert.Equal(new DateOnly(2026, 12, 1), logged.OccurredOn);
        Assert.Equal("2027年の年賀状を送付", logged.Note);
        var touched = await LoadContactAsync(tenant, overdue.Id);
        Assert.Equal(new DateOnly(2026, 12, 1), touched.LastContactedOn);
        Assert.Equal(new DateOnly(2027, 3, 1), touched.NextTouchOn); // depth 3: every 90 days, from the card
        Assert.Null(touched.SnoozedUntil);
        Assert.Contains("2026-12-01", await client.GetStringAsync(NewYear), StringComparison.Ordinal);

        // Three submits at the same moment (three requests, three connections): one interaction.
        var raced = await AddContactAsync(tenant, me, "佐藤", "花子", depth: 4);
        var season = SeasonalCalendar.Of(SeasonalCampaign.NewYear, 2027);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => App.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<GreetingLists>().MarkSentAsync(me.Id, raced.Id, season, new DateOnly(2026, 12, 1), CancellationToken.None))));
        Assert.Equal(1, results.Count(r => r == MarkSentResult.Sent));
        Assert.Equal(2, results.Count(r => r == MarkSentResult.AlreadySent));
        Assert.Single(await InteractionsAsync(tenant, raced.Id));
    }

    [Fact]
    public async Task For_someone_in_mourning_mark_sent_records_the_winter_greeting_and_an_excluded_contact_sent_a_card_is_back_on_the_list()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var mourning = await AddContactAsync(tenant, me, "高橋", "誠", depth: 5);
        var excluded = await AddContactAsync(tenant, me, "田中", "恵", depth: 4);
        var client = await App.SignInAsync("sakura", me.Email!);
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Exclude", excluded.Id));

        Clock.UtcNow = new DateTimeOffset(2027, 1, 10, 1, 0, 0, TimeSpan.Zero);
        client = await App.SignInAsync("sakura", me.Email!); // the sign-in cookie lives on the same clock
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Sent&view=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Sent&view=Excluded", excluded.Id));

        Assert.Equal("2027年 年賀状に代えて寒中見舞いを送付", Assert.Single(await InteractionsAsync(tenant, mourning.Id)).Note);
        Assert.Equal([mourning.Id], ListedContacts(await client.GetStringAsync($"{NewYear}?view=Mourning")));
        Assert.Equal([excluded.Id], ListedContacts(await client.GetStringAsync(NewYear)));
        Assert.Single(await InteractionsAsync(tenant, excluded.Id));
    }

    [Fact]
    public async Task The_label_csv_is_utf8_with_bom_and_rfc4180_and_neutralises_formulas_and_holds_only_the_list_with_addresses()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@sakura.test");
        await AddContactAsync(tenant, me, "山田", "太郎", depth: 3, address: "〒１００－０００５ 東京都千代田区丸の内1-1-1", company: "=HYPERLINK(\"http://evil.example\")",
            department: "営業部", title: "部長", familyKana: "やまだ", givenKana: "たろう");
        await AddContactAsync(tenant, me, "Smith", "Jane", depth: 4, address: "10 Downing Street,\nLondon \"SW1A 2AA\"", title: "+44 buyer");
        await AddContactAsync(tenant, me, "佐藤", "花子", depth: 3); // no address: not on a label
        var mourning = await AddContactAsync(tenant, me, "高橋", "誠", depth: 5, address: "東京都港区1-1");
        var excluded = await AddContactAsync(tenant, me, "田中", "恵", depth: 4, address: "東京都新宿区1-1");
        await AddContactAsync(tenant, me, "伊藤", "愛", depth: 1, address: "東京都渋谷区1-1"); // not suggested
        await AddContactAsync(tenant, colleague, "渡辺", "亮", depth: 5, address: "大阪府大阪市北区1-1");
        var client = await App.SignInAsync("sakura", me.Email!);
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Exclude", excluded.Id));

        var response = await client.GetAsync($"{NewYear}/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("new-year-cards-2027.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var records = new CsvRecordReader(text, 0, 1).ReadAll().Select(r => r.Fields).ToList();

        Assert.Equal(["氏名", "ふりがな", "会社", "部署", "役職", "郵便番号", "住所"], records[0]);
        Assert.Equal(3, records.Count);
        Assert.Equal(["Jane Smith", "", "", "", "'+44 buyer", "", "10 Downing Street,\nLondon \"SW1A 2AA\""], records[1]);
        Assert.Equal(["山田 太郎", "やまだ たろう", "'=HYPERLINK(\"http://evil.example\")", "営業部", "部長", "100-0005", "東京都千代田区丸の内1-1-1"], records[2]);

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/sakura/" }, "/sakura/");
        var english = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"{NewYear}/csv"));
        Assert.StartsWith("\uFEFFName,Kana reading,Company,Department,Job title,Postal code,Address\r\n", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("〒100-0005 東京都千代田区丸の内1-1-1", "100-0005", "東京都千代田区丸の内1-1-1")]
    [InlineData("〒１５０－０００２\n東京都渋谷区渋谷２丁目", "150-0002", "東京都渋谷区渋谷２丁目")]
    [InlineData("1500002 東京都渋谷区", "150-0002", "東京都渋谷区")]
    [InlineData("10 Downing Street, London", null, "10 Downing Street, London")]
    [InlineData("123-45678 長すぎる番号", null, "123-45678 長すぎる番号")]
    [InlineData("〒100-0005", null, "〒100-0005")]
    public void A_japanese_postal_code_at_the_start_of_the_address_gets_its_own_column(string address, string? postalCode, string rest) =>
        Assert.Equal((postalCode, rest), GreetingLabelsCsv.SplitPostalCode(address));

    [Fact]
    public async Task Another_users_contacts_and_another_companys_contacts_cannot_be_changed_through_the_list()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@sakura.test");
        var theirs = await AddContactAsync(tenant, colleague, "渡辺", "亮", depth: 5, address: "大阪府大阪市北区1-1");
        var (other, otherAdmin) = await App.CreateTenantAsync("momiji", culture: "ja");
        var otherCompanys = await AddContactAsync(other, otherAdmin, "木村", "直樹", depth: 5);
        var client = await App.SignInAsync("sakura", me.Email!);

        foreach (var handler in new[] { "Include", "Exclude", "Mourning", "EndMourning", "Sent" })
        {
            foreach (var id in new[] { theirs.Id, otherCompanys.Id })
            {
                await PostAsync(client, $"{NewYear}?handler={handler}", id, expect: HttpStatusCode.NotFound);
            }
        }

        Assert.Empty(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().GreetingListEntries.ToListAsync()));
        Assert.Empty(await App.InTenantAsync(other, sp => sp.GetRequiredService<AppDbContext>().GreetingListEntries.ToListAsync()));
        Assert.Empty(await InteractionsAsync(tenant, theirs.Id));
        Assert.Empty(await InteractionsAsync(other, otherCompanys.Id));
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"{NewYear}/csv"));
        Assert.DoesNotContain("渡辺", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_season_is_the_companys_local_date_tokyo_opens_while_it_is_still_october_in_london()
    {
        var (tokyo, tokyoAdmin) = await App.CreateTenantAsync("sakura", culture: "ja");
        var (london, londonAdmin) = await App.CreateTenantAsync("acme", culture: "en");
        await App.InTenantAsync(london, sp => sp.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == london.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NewYearGreetingsEnabled, true)));
        var tokyoContact = await AddContactAsync(tokyo, tokyoAdmin, "山田", "太郎", depth: 3);
        var londonContact = await AddContactAsync(london, londonAdmin, "Smith", "Jane", depth: 3);

        Clock.UtcNow = new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero); // 1 Nov 00:00 in Tokyo, 31 Oct 15:00 in London
        var tokyoClient = await App.SignInAsync("sakura", tokyoAdmin.Email!);
        var londonClient = await App.SignInAsync("acme", londonAdmin.Email!);
        Assert.Equal([tokyoContact.Id], ListedContacts(await tokyoClient.GetStringAsync(NewYear)));
        var closed = await londonClient.GetStringAsync("/acme/campaigns/new-year");
        Assert.Contains("This list opens on 2026-11-01.", closed, StringComparison.Ordinal);
        Assert.Empty(ListedContacts(closed));
        Assert.Equal(HttpStatusCode.NotFound, (await londonClient.GetAsync("/acme/campaigns/new-year/csv")).StatusCode);
        AssertRedirect(await PostAsync(londonClient, "/acme/campaigns/new-year?handler=Sent", londonContact.Id));
        Assert.Empty(await InteractionsAsync(london, londonContact.Id));
        Assert.Contains("This list is not open now: nothing was changed.", await londonClient.GetStringAsync("/acme/campaigns/new-year"), StringComparison.Ordinal);

        // New Year's Day in Tokyo while it is still 31 December in UTC: the card is logged on the Tokyo date.
        Clock.UtcNow = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);
        tokyoClient = await App.SignInAsync("sakura", tokyoAdmin.Email!); // the sign-in cookie lives on the same clock
        AssertRedirect(await PostAsync(tokyoClient, $"{NewYear}?handler=Sent", tokyoContact.Id));
        Assert.Equal(new DateOnly(2027, 1, 1), Assert.Single(await InteractionsAsync(tokyo, tokyoContact.Id)).OccurredOn);

        // 4 February 00:00 in Tokyo (立春): the season is over there, still open in London.
        Clock.UtcNow = new DateTimeOffset(2027, 2, 3, 15, 0, 0, TimeSpan.Zero);
        tokyoClient = await App.SignInAsync("sakura", tokyoAdmin.Email!);
        londonClient = await App.SignInAsync("acme", londonAdmin.Email!);
        Assert.Contains("このリストは2027-11-01から利用できます。", await tokyoClient.GetStringAsync(NewYear), StringComparison.Ordinal);
        Assert.Equal([londonContact.Id], ListedContacts(await londonClient.GetStringAsync("/acme/campaigns/new-year")));
    }

    [Fact]
    public async Task The_summer_list_suggests_depth_four_and_up_and_last_summers_greetings_and_has_no_mourning()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 7, 10, 3, 0, 0, TimeSpan.Zero);
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var depth3 = await AddContactAsync(tenant, me, "山田", "太郎", depth: 3);
        var depth4 = await AddContactAsync(tenant, me, "佐藤", "花子", depth: 4, address: "東京都港区1-1");
        var lastSummer = await AddContactAsync(tenant, me, "鈴木", "一郎", depth: 1);
        await LogGreetingAsync(tenant, lastSummer, new DateOnly(2025, 8, 10));
        var newYearCard = await AddContactAsync(tenant, me, "高橋", "誠", depth: 2);
        await LogGreetingAsync(tenant, newYearCard, new DateOnly(2026, 1, 2));
        var client = await App.SignInAsync("sakura", me.Email!);

        var page = await client.GetStringAsync("/sakura/campaigns/summer");
        Assert.Contains("2026年の暑中見舞い", page, StringComparison.Ordinal);
        Assert.Equal([depth4.Id, lastSummer.Id], ListedContacts(page));
        Assert.DoesNotContain("?view=Mourning", page, StringComparison.Ordinal);
        Assert.Equal([depth3.Id, newYearCard.Id], ListedContacts(await client.GetStringAsync("/sakura/campaigns/summer?view=Other")));
        await PostAsync(client, "/sakura/campaigns/summer?handler=Mourning", depth4.Id, expect: HttpStatusCode.NotFound);

        AssertRedirect(await PostAsync(client, "/sakura/campaigns/summer?handler=Sent", depth4.Id));
        Assert.Equal("2026年の暑中見舞いを送付", Assert.Single(await InteractionsAsync(tenant, depth4.Id)).Note);
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/sakura/campaigns/summer/csv"));
        Assert.Contains("佐藤 花子", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("鈴木", csv, StringComparison.Ordinal); // no address on file

        // The New Year page in July: not open yet.
        Assert.Contains("このリストは2026-11-01から利用できます。", await client.GetStringAsync(NewYear), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_list_is_paged_by_a_hundred_and_changes_return_to_the_same_view_and_page()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var contacts = await AddManyContactsAsync(tenant, me, 102, depth: 3);
        var client = await App.SignInAsync("sakura", me.Email!);

        var first = await client.GetStringAsync(NewYear);
        Assert.Equal(contacts.Take(100).Select(c => c.Id), ListedContacts(first));
        Assert.Contains("href=\"/sakura/campaigns/new-year?page=2\"", first, StringComparison.Ordinal);
        Assert.Equal(contacts.Skip(100).Select(c => c.Id), ListedContacts(await client.GetStringAsync($"{NewYear}?page=2")));

        var excluded = await PostAsync(client, $"{NewYear}?view=OnList&page=2&handler=Exclude", contacts[101].Id);
        Assert.Equal("/sakura/campaigns/new-year?view=OnList&page=2", excluded.Headers.Location!.OriginalString);
        Assert.Equal([contacts[100].Id], ListedContacts(await client.GetStringAsync(excluded.Headers.Location.OriginalString)));
        Assert.Equal([contacts[101].Id], ListedContacts(await client.GetStringAsync($"{NewYear}?view=Excluded")));
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Fact]
    public async Task Every_campaign_page_and_view_has_no_inline_script_or_style_in_japanese_and_english()
    {
        var (tenant, me) = await App.CreateTenantAsync("sakura", culture: "ja");
        var mourning = await AddContactAsync(tenant, me, "高橋", "誠", depth: 5, address: "東京都港区1-1");
        var excluded = await AddContactAsync(tenant, me, "田中", "恵", depth: 4);
        await AddContactAsync(tenant, me, "伊藤", "愛", depth: 1, company: "株式会社さくらフーズ");
        var client = await App.SignInAsync("sakura", me.Email!);
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Mourning", mourning.Id));
        AssertRedirect(await PostAsync(client, $"{NewYear}?handler=Exclude", excluded.Id));
        foreach (var culture in new[] { "ja", "en" })
        {
            foreach (var at in new[] { new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 4, 6, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 7, 6, 3, 0, 0, TimeSpan.Zero) })
            {
                Clock.UtcNow = at;
                client = await App.SignInAsync("sakura", me.Email!); // the sign-in cookie lives on the same clock
                await client.PostFormAsync("/culture", new() { ["culture"] = culture, ["returnUrl"] = "/sakura/" }, "/sakura/");
                foreach (var path in new[] { "/sakura/", "/sakura/contacts", NewYear, $"{NewYear}?view=Mourning", $"{NewYear}?view=Excluded", $"{NewYear}?view=Other", "/sakura/campaigns/summer", "/sakura/campaigns/transfers", "/sakura/admin/settings" })
                {
                    var html = await client.GetStringAsync(path);
                    var inline = InlineCode().Match(html);
                    Assert.False(inline.Success, $"{culture} {at:yyyy-MM-dd} {path}: '{(inline.Success ? html.Substring(Math.Max(0, inline.Index - 200), 300) : "")}'");
                    if (path == $"{NewYear}?view=Mourning" && at.Month == 12)
                    {
                        Assert.Contains(culture == "ja" ? "喪中の方には年賀状をお送りしません。" : "People in mourning get no New Year card.", html, StringComparison.Ordinal);
                    }
                }
            }
        }
    }
}

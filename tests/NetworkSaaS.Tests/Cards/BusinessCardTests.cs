using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Cards;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Cards;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using Npgsql;

namespace NetworkSaaS.Tests.Cards;

/// <summary>The digital business card: settings, the public page, its QR code and vCard, and the "leave your details" form.</summary>
public sealed partial class BusinessCardTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:BusinessCard:PerAccount"] = "8",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [GeneratedRegex("name=\"Input.Stamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampField();

    private static Dictionary<string, string> VisitorFields(string name = "佐藤 花子", string message = "Nice to meet you") => new()
    {
        ["Input.Name"] = name,
        ["Input.NameKana"] = "さとう はなこ",
        ["Input.Company"] = "Visitor Corp",
        ["Input.Title"] = "Buyer",
        ["Input.Email"] = "hanako@visitor.test",
        ["Input.Phone"] = "03-1234-5678",
        ["Input.Message"] = message,
    };

    [Fact]
    public async Task The_card_is_off_by_default_and_off_unknown_wrong_token_and_deactivated_owner_all_answer_the_same_404()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"taro.yamada@{_acmeSlug}.test");
        var signedIn = await App.SignInAsync(_acmeSlug, owner.Email!);

        // The settings page proposes a handle from the display name and stores nothing on GET.
        var settings = await signedIn.GetStringAsync($"/{_acmeSlug}/account/card");
        Assert.Contains("id=\"card-off\"", settings, StringComparison.Ordinal);
        Assert.Contains("value=\"taro-yamada\"", settings, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tenant, db => db.BusinessCards.CountAsync()));

        // Saved without turning it on: the card exists but stays off.
        await signedIn.PostFormAsync($"/{_acmeSlug}/account/card", new() { ["Input.Handle"] = "taro-yamada", ["Input.ShowTitle"] = "true" });
        var card = await CardOfAsync(tenant, owner.Id);
        Assert.False(card.Enabled);
        var address = CardAddress.Format(card.Handle, card.Token);

        var anonymous = App.CreateBrowserlikeClient();
        var off = await anonymous.GetAsync($"/{_acmeSlug}/card/{address}");
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        var notFound = WithoutToken(await off.Content.ReadAsStringAsync());
        Assert.DoesNotContain("taro", notFound, StringComparison.OrdinalIgnoreCase);

        await InTenantAsync(tenant, async db =>
        {
            (await db.BusinessCards.SingleAsync()).Enabled = true;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/{_acmeSlug}/card/{address}")).StatusCode);

        var wrongToken = CardAddress.Format(card.Handle, card.Token == "bbbbbbbbbb" ? "cccccccccc" : "bbbbbbbbbb");
        var deactivatedOwner = address;
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await sp.GetRequiredService<UserDeactivation>().DeactivateAsync((await users.FindByIdAsync(owner.Id.ToString()))!, null, CancellationToken.None);
            return 0;
        });
        foreach (var path in new[]
                 {
                     $"/{_acmeSlug}/card/{deactivatedOwner}", $"/{_acmeSlug}/card/{deactivatedOwner}/vcard", $"/{_acmeSlug}/card/{deactivatedOwner}/qr",
                     $"/{_acmeSlug}/card/{deactivatedOwner}/thanks", $"/{_acmeSlug}/card/{wrongToken}", $"/{_acmeSlug}/card/taro-yamada", $"/{_acmeSlug}/card/nobody-abcdefghij",
                 })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(notFound, WithoutToken(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Settings_save_the_choices_audit_on_and_off_and_a_new_link_retires_the_old_address()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"taro.yamada@{_acmeSlug}.test");
        await App.CreateUserAsync(tenant, $"hanako@{_acmeSlug}.test");
        await InTenantAsync(tenant, async db =>
        {
            var other = await db.Users.SingleAsync(u => u.Email == $"hanako@{_acmeSlug}.test");
            db.BusinessCards.Add(new BusinessCard { UserId = other.Id, Handle = "hanako", Token = CardAddress.NewToken(), CreatedAt = _clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var signedIn = await App.SignInAsync(_acmeSlug, owner.Email!);

        // Refused: a handle that is not URL-safe, one a colleague has, a link that is not a web address, a fourth link.
        foreach (var (field, value) in new[]
                 {
                     ("Input.Handle", "Taro_Yamada"), ("Input.Handle", "-taro"), ("Input.Handle", "hanako"),
                     ("Input.Links", "javascript:alert(1)"), ("Input.Links", "https://a.test\nhttps://b.test\nhttps://c.test\nhttps://d.test"),
                 })
        {
            var form = new Dictionary<string, string> { ["Input.Handle"] = "taro", ["Input.Enabled"] = "true" };
            form[field] = value;
            var refused = await signedIn.PostFormAsync($"/{_acmeSlug}/account/card", form, expect: HttpStatusCode.OK);
            Assert.Contains("field-validation-error", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync(tenant, db => db.BusinessCards.CountAsync()));

        await signedIn.PostFormAsync($"/{_acmeSlug}/account/card", new()
        {
            ["Input.Handle"] = "Taro", ["Input.Enabled"] = "true", ["Input.FormEnabled"] = "true", ["Input.ShowTitle"] = "true",
            ["Input.ShowLinks"] = "true", ["Input.Links"] = "https://example.test/taro",
        });
        var card = await CardOfAsync(tenant, owner.Id);
        Assert.Equal("taro", card.Handle);
        Assert.True(card.Enabled && card.FormEnabled);
        Assert.Equal(CardDetails.Title | CardDetails.Links, card.Shown);
        Assert.Equal(["https://example.test/taro"], card.Links);
        var first = CardAddress.Format(card.Handle, card.Token);
        Assert.Contains($"http://localhost:5080/{_acmeSlug}/card/{first}", await signedIn.GetStringAsync($"/{_acmeSlug}/account/card"), StringComparison.Ordinal);

        var anonymous = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/{_acmeSlug}/card/{first}")).StatusCode);

        await signedIn.PostFormAsync($"/{_acmeSlug}/account/card?handler=Regenerate", [], $"/{_acmeSlug}/account/card");
        var renewed = await CardOfAsync(tenant, owner.Id);
        var second = CardAddress.Format(renewed.Handle, renewed.Token);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/{_acmeSlug}/card/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/{_acmeSlug}/card/{second}")).StatusCode);

        await signedIn.PostFormAsync($"/{_acmeSlug}/account/card", new() { ["Input.Handle"] = "taro" });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/{_acmeSlug}/card/{second}")).StatusCode);

        var audit = await CountAsync(tenant, db => db.AuditEntries.Where(a => a.Action.StartsWith("card.")).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => a.Action + ":" + a.ActorUserId).ToListAsync());
        Assert.Equal([$"{AuditActions.CardEnabled}:{owner.Id}", $"{AuditActions.CardLinkRegenerated}:{owner.Id}", $"{AuditActions.CardDisabled}:{owner.Id}"], audit);
        _ = admin;
    }

    [Fact]
    public async Task The_page_and_the_vcard_show_the_name_and_only_the_chosen_details_with_escaping_and_kana()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var owner = await App.CreateUserAsync(tenant, $"taro.yamada@{_acmeSlug}.test");
        var address = await InTenantAsync(tenant, async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == owner.Id);
            var department = new NetworkSaaS.Core.Features.Organization.Department { Name = "秘密の部署" };
            db.Departments.Add(department);
            user.DisplayName = "山田 太郎";
            user.DisplayNameKana = "やまだ たろう";
            user.Title = @"部長; 営業, 第一\課";
            user.DepartmentId = department.Id;
            var card = new BusinessCard
            {
                UserId = owner.Id, Handle = "taro", Token = CardAddress.NewToken(), Enabled = true, CreatedAt = _clock.GetUtcNow(),
                Shown = CardDetails.Kana | CardDetails.Title | CardDetails.Message | CardDetails.Company,
                Phone = "090-0000-1111", Message = "Line one, with; marks\nLine <two>", Links = ["https://hidden.test/"],
            };
            db.BusinessCards.Add(card);
            await db.SaveChangesAsync();
            return CardAddress.Format(card.Handle, card.Token);
        });

        var anonymous = App.CreateBrowserlikeClient();
        var response = await anonymous.GetAsync($"/{_acmeSlug}/card/{address}");
        Assert.Equal("noindex, nofollow", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("山田 太郎", page, StringComparison.Ordinal);
        Assert.Contains("やまだ たろう", page, StringComparison.Ordinal);
        Assert.Contains("部長; 営業, 第一", page, StringComparison.Ordinal);
        Assert.Contains($"{_acmeSlug} Company", page, StringComparison.Ordinal);
        Assert.Contains("Line &lt;two&gt;", page, StringComparison.Ordinal);
        foreach (var hidden in new[] { "秘密の部署", $"taro.yamada@{_acmeSlug}.test", "090-0000-1111", "hidden.test", "id=\"card-form\"" })
        {
            Assert.DoesNotContain(hidden, page, StringComparison.Ordinal);
        }

        var vcard = await anonymous.GetAsync($"/{_acmeSlug}/card/{address}/vcard");
        Assert.Equal("text/vcard", vcard.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", vcard.Content.Headers.ContentType.CharSet);
        Assert.Equal("taro.vcf", vcard.Content.Headers.ContentDisposition!.FileName);
        var text = await vcard.Content.ReadAsStringAsync();
        var lines = text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains("VERSION:4.0", lines);
        Assert.Contains("FN:山田 太郎", lines);
        Assert.Contains("N;SORT-AS=\"やまだ,たろう\":山田;太郎;;;", lines);
        Assert.Contains("X-PHONETIC-LAST-NAME:やまだ", lines);
        Assert.Contains("X-PHONETIC-FIRST-NAME:たろう", lines);
        Assert.Contains(@"TITLE:部長\; 営業\, 第一\\課", lines);
        Assert.Contains(@"NOTE:Line one\, with\; marks\nLine <two>", lines);
        Assert.Contains($"ORG:{_acmeSlug} Company;", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("EMAIL", StringComparison.Ordinal) || l.StartsWith("TEL", StringComparison.Ordinal) || l.StartsWith("URL", StringComparison.Ordinal));
        Assert.DoesNotContain("秘密の部署", text, StringComparison.Ordinal);

        // Read back with the app's own vCard reader: the escapes come back as the original text.
        var parsed = Assert.Single(VCardFile.Read(text, new UndecodableLines([])));
        Assert.Null(parsed.Problem);
        Assert.Equal(("山田", "太郎", "やまだ", "たろう"), (parsed.FamilyName, parsed.GivenName, parsed.FamilyNameKana, parsed.GivenNameKana));
        Assert.Equal(@"部長; 営業, 第一\課", parsed.Title);
        Assert.Equal("Line one, with; marks\nLine <two>", parsed.Notes);
        Assert.Equal($"{_acmeSlug} Company", parsed.CompanyName);
        Assert.Empty(parsed.Emails);
        Assert.Empty(parsed.Phones);
    }

    [Fact]
    public async Task The_qr_code_is_a_png_that_decodes_to_the_cards_configured_address()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"taro@{_acmeSlug}.test");
        var address = await AddCardAsync(tenant, owner.Id, "taro", CardDetails.None);
        var anonymous = App.CreateBrowserlikeClient();

        var page = await anonymous.GetStringAsync($"/{_acmeSlug}/card/{address}");
        Assert.Contains($"src=\"/{_acmeSlug}/card/{address}/qr\"", page, StringComparison.Ordinal);
        var qr = await anonymous.GetAsync($"/{_acmeSlug}/card/{address}/qr");
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{RequiredSettings.BaseUrl}/{_acmeSlug}/card/{address}", QrPng.Decode(await qr.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Leaving_details_creates_exactly_one_private_exchange_event_contact_for_review_and_notifies_the_owner()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var owner = await App.CreateUserAsync(tenant, $"taro@{_acmeSlug}.test");
        var address = await AddCardAsync(tenant, owner.Id, "taro", CardDetails.None, formEnabled: true);
        var anonymous = App.CreateBrowserlikeClient();

        var sent = await LeaveAsync(anonymous, $"/{_acmeSlug}/card/{address}", VisitorFields(message: "Met at the expo, <b>call me</b>"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/{_acmeSlug}/card/{address}/thanks", sent.Headers.Location!.OriginalString);
        var thanks = await anonymous.GetStringAsync(sent.Headers.Location.OriginalString);
        Assert.Contains("id=\"card-thanks\"", thanks, StringComparison.Ordinal);
        Assert.DoesNotContain($"taro@{_acmeSlug}.test", thanks, StringComparison.Ordinal);

        var contact = await InTenantAsync(tenant, db => db.Contacts.SingleAsync());
        Assert.Equal(owner.Id, contact.OwnerId);
        Assert.Equal(MeetingChannel.ExchangeEvent, contact.Channel);
        Assert.Equal(ContactVisibility.Private, contact.Visibility);
        Assert.True(contact.ReviewPending);
        Assert.Equal(("佐藤", "花子", "さとう", "はなこ"), (contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana));
        Assert.Equal(("Visitor Corp", "Buyer"), (contact.CompanyName, contact.Title));
        Assert.Equal(["hanako@visitor.test"], contact.Emails);
        Assert.Equal(["03-1234-5678"], contact.Phones);
        Assert.Equal("Met at the expo, <b>call me</b>", contact.Notes);
        Assert.Equal([CardContactIntake.Tag], contact.Tags);
        Assert.Equal(new DateOnly(2026, 12, 1), contact.MetOn);

        var (notification, audit) = await InTenantAsync(tenant, async db =>
            (await db.Notifications.SingleAsync(), await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CardContactLeft)));
        Assert.Equal((owner.Id, NotificationKinds.CardContactLeft), (notification.UserId, notification.Kind));
        Assert.Null(audit.ActorUserId);
        Assert.Contains(contact.Id.ToString(), audit.Details, StringComparison.Ordinal);

        // The owner finds it in the review queue, the note shown encoded.
        var signedIn = await App.SignInAsync(_acmeSlug, owner.Email!);
        Assert.Contains("佐藤 花子", await signedIn.GetStringAsync($"/{_acmeSlug}/contacts/review"), StringComparison.Ordinal);
        var details = await signedIn.GetStringAsync($"/{_acmeSlug}/contacts/{contact.Id}");
        Assert.DoesNotContain("<b>call me</b>", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Honeypot_too_fast_forged_or_foreign_stamp_and_invalid_input_create_nothing()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"taro@{_acmeSlug}.test");
        var other = await App.CreateUserAsync(tenant, $"hanako@{_acmeSlug}.test");
        var address = await AddCardAsync(tenant, owner.Id, "taro", CardDetails.None, formEnabled: true);
        var otherAddress = await AddCardAsync(tenant, other.Id, "hanako", CardDetails.None, formEnabled: true);
        var closed = await AddCardAsync(tenant, (await App.CreateUserAsync(tenant, $"closed@{_acmeSlug}.test")).Id, "closed", CardDetails.None);
        var anonymous = App.CreateBrowserlikeClient();
        var path = $"/{_acmeSlug}/card/{address}";

        // Bots: same answer as a person gets, nothing stored.
        var honeypot = VisitorFields();
        honeypot["Input.Website"] = "https://spam.test";
        foreach (var response in new[]
                 {
                     await LeaveAsync(anonymous, path, honeypot),
                     await LeaveAsync(anonymous, path, VisitorFields(), wait: false),
                     await LeaveAsync(anonymous, path, VisitorFields(), stamp: "forged"),
                     await LeaveAsync(anonymous, path, VisitorFields(), stampFrom: $"/{_acmeSlug}/card/{otherAddress}"),
                 })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"{path}/thanks", response.Headers.Location!.OriginalString);
        }

        // People: the form again with the errors.
        foreach (var fields in new[]
                 {
                     VisitorFields(name: ""), VisitorFields(name: new string('x', 101)), VisitorFields(message: new string('x', 1001)),
                     new Dictionary<string, string>(VisitorFields()) { ["Input.Email"] = "not-an-email" },
                 })
        {
            var response = await LeaveAsync(anonymous, path, fields, expect: HttpStatusCode.OK);
            Assert.Contains("id=\"card-form\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A card without the form takes no post at all.
        var token = await anonymous.AntiforgeryTokenAsync($"/{_acmeSlug}/card/{closed}");
        await anonymous.PostFormWithTokenAsync($"/{_acmeSlug}/card/{closed}", VisitorFields(), token, expect: HttpStatusCode.NotFound);

        Assert.Equal(0, await CountAsync(tenant, db => db.Contacts.CountAsync()));
        Assert.Equal(0, await CountAsync(tenant, db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task The_form_is_rate_limited_per_card_in_the_shared_counters()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var owner = await App.CreateUserAsync(tenant, $"taro@{_acmeSlug}.test");
        var address = await AddCardAsync(tenant, owner.Id, "taro", CardDetails.None, formEnabled: true);
        var path = $"/{_acmeSlug}/card/{address}";
        for (var i = 0; i < 8; i++)
        {
            await LeaveAsync(App.CreateBrowserlikeClient(), path, VisitorFields(name: $"Visitor {i}"));
        }

        var refused = await LeaveAsync(App.CreateBrowserlikeClient(), path, VisitorFields(name: "Visitor 9"), expect: HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(8, await CountAsync(tenant, db => db.Contacts.CountAsync()));

        // Counted in PostgreSQL (every web process shares the count), per card and per address.
        await using var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key, count FROM rate_limit_counters WHERE key LIKE 'business-card|%' ORDER BY key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            counts.Add((reader.GetString(0).Split('|')[1], reader.GetInt32(1)));
        }

        Assert.Equal([("account", 9), ("ip", 9)], counts);
    }

    [Fact]
    public async Task A_card_of_company_a_is_404_under_company_b_and_a_post_there_writes_into_neither()
    {
        var (alpha, _) = await App.CreateTenantAsync(_alphaSlug);
        var (bravo, _) = await App.CreateTenantAsync(_bravoSlug);
        var alphaOwner = await App.CreateUserAsync(alpha, $"taro@{_alphaSlug}.test");
        var bravoOwner = await App.CreateUserAsync(bravo, $"taro@{_bravoSlug}.test");
        var alphaAddress = await AddCardAsync(alpha, alphaOwner.Id, "taro", CardDetails.Email, formEnabled: true);
        var bravoAddress = await AddCardAsync(bravo, bravoOwner.Id, "taro", CardDetails.Email, formEnabled: true);
        var anonymous = App.CreateBrowserlikeClient();

        foreach (var suffix in new[] { "", "/vcard", "/qr", "/thanks" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/{_bravoSlug}/card/{alphaAddress}{suffix}")).StatusCode);
        }

        // The same handle in bravo is bravo's own card, which shows nothing of alpha's.
        var bravoPage = await anonymous.GetStringAsync($"/{_bravoSlug}/card/{bravoAddress}");
        Assert.Contains($"taro@{_bravoSlug}.test", bravoPage, StringComparison.Ordinal);
        Assert.DoesNotContain(_alphaSlug, bravoPage, StringComparison.Ordinal);

        // alpha's form posted under bravo's path: 404; alpha's stamp on bravo's card: a bot's answer.
        var html = await anonymous.GetStringAsync($"/{_alphaSlug}/card/{alphaAddress}");
        var stamp = WebUtility.HtmlDecode(StampField().Match(html).Groups[1].Value);
        var token = await anonymous.AntiforgeryTokenAsync($"/{_alphaSlug}/card/{alphaAddress}");
        _clock.UtcNow += TimeSpan.FromMinutes(1);
        var fields = new Dictionary<string, string>(VisitorFields()) { ["Input.Stamp"] = stamp };
        await anonymous.PostFormWithTokenAsync($"/{_bravoSlug}/card/{alphaAddress}", fields, token, expect: HttpStatusCode.NotFound);
        await anonymous.PostFormWithTokenAsync($"/{_bravoSlug}/card/{bravoAddress}", fields, token);

        Assert.Equal(0, await CountAsync(alpha, db => db.Contacts.CountAsync()));
        Assert.Equal(0, await CountAsync(bravo, db => db.Contacts.CountAsync()));

        // A real post on bravo's card lands in bravo only.
        await LeaveAsync(anonymous, $"/{_bravoSlug}/card/{bravoAddress}", VisitorFields());
        Assert.Equal(0, await CountAsync(alpha, db => db.Contacts.CountAsync()));
        Assert.Equal(bravoOwner.Id, (await InTenantAsync(bravo, db => db.Contacts.SingleAsync())).OwnerId);

        // Someone signed in at alpha scans bravo's card: served as any visitor, their details go to bravo's owner only,
        // and their alpha sign-in still opens nothing else of bravo's.
        var alphaUser = await App.SignInAsync(_alphaSlug, alphaOwner.Email!);
        var scanned = await alphaUser.GetStringAsync($"/{_bravoSlug}/card/{bravoAddress}");
        Assert.Contains($"taro@{_bravoSlug}.test", scanned, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", scanned, StringComparison.Ordinal);
        await LeaveAsync(alphaUser, $"/{_bravoSlug}/card/{bravoAddress}", VisitorFields(name: "Alpha Visitor"));
        Assert.Equal(0, await CountAsync(alpha, db => db.Contacts.CountAsync()));
        Assert.Equal(2, await CountAsync(bravo, db => db.Contacts.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await alphaUser.GetAsync($"/{_bravoSlug}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alphaUser.GetAsync($"/{_alphaSlug}/contacts")).StatusCode);
    }

    [Fact]
    public async Task The_card_speaks_its_owners_language_until_the_visitor_switches()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug, culture: "en");
        var owner = await App.CreateUserAsync(tenant, $"taro@{_acmeSlug}.test");
        var address = await AddCardAsync(tenant, owner.Id, "taro", CardDetails.None, formEnabled: true);
        var anonymous = App.CreateBrowserlikeClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var english = await anonymous.GetStringAsync($"/{_acmeSlug}/card/{address}");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Leave your details", english, StringComparison.Ordinal);

        await InTenantAsync(tenant, async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == owner.Id)).Culture = "ja";
            await db.SaveChangesAsync();
        });
        var japanese = await anonymous.GetStringAsync($"/{_acmeSlug}/card/{address}");
        Assert.Contains("<html lang=\"ja\">", japanese, StringComparison.Ordinal);
        Assert.Contains("あなたの連絡先を残す", japanese, StringComparison.Ordinal);

        await anonymous.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = $"/{_acmeSlug}/card/{address}" }, $"/{_acmeSlug}/card/{address}");
        Assert.Contains("<html lang=\"en\">", await anonymous.GetStringAsync($"/{_acmeSlug}/card/{address}"), StringComparison.Ordinal);
    }

    /// <summary>A page without its antiforgery tokens (new in every response).</summary>
    private static string WithoutToken(string html) => AntiforgeryField().Replace(html, "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Opens the card page as a visitor would, waits like a person (unless told not to) and sends the form.</summary>
    private async Task<HttpResponseMessage> LeaveAsync(
        HttpClient client, string path, Dictionary<string, string> fields, HttpStatusCode? expect = null, bool wait = true, string? stamp = null, string? stampFrom = null)
    {
        var html = await client.GetStringAsync(stampFrom ?? path);
        var token = await client.AntiforgeryTokenAsync(path);
        var form = new Dictionary<string, string>(fields) { ["Input.Stamp"] = stamp ?? WebUtility.HtmlDecode(StampField().Match(html).Groups[1].Value) };
        if (wait)
        {
            _clock.UtcNow += TimeSpan.FromSeconds(10);
        }

        return await client.PostFormWithTokenAsync(path, form, token, expect);
    }

    private async Task<string> AddCardAsync(ITenantInfo tenant, Guid userId, string handle, CardDetails shown, bool formEnabled = false) =>
        await InTenantAsync(tenant, async db =>
        {
            var card = new BusinessCard
            {
                UserId = userId, Handle = handle, Token = CardAddress.NewToken(), Enabled = true, FormEnabled = formEnabled, Shown = shown,
                CreatedAt = _clock.GetUtcNow(),
            };
            db.BusinessCards.Add(card);
            await db.SaveChangesAsync();
            return CardAddress.Format(card.Handle, card.Token);
        });

    private Task<BusinessCard> CardOfAsync(ITenantInfo tenant, Guid userId) =>
        InTenantAsync(tenant, db => db.BusinessCards.AsNoTracking().SingleAsync(c => c.UserId == userId));

    private Task<T> CountAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> query) => InTenantAsync(tenant, query);

    private Task<T> InTenantAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> work) =>
        App.InTenantAsync(tenant, sp => work(sp.GetRequiredService<AppDbContext>()));

    private Task InTenantAsync(ITenantInfo tenant, Func<AppDbContext, Task> work) =>
        App.InTenantAsync(tenant, async sp =>
        {
            await work(sp.GetRequiredService<AppDbContext>());
            return 0;
        });
}

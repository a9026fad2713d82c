using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Localization;

public sealed partial class LocalizationTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task The_unknown_company_page_speaks_the_visitors_language()
    {
        var ja = App.CreateBrowserlikeClient();
        ja.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");
        var jaPage = await ja.GetAsync("/nobody-here/");
        Assert.Equal(HttpStatusCode.NotFound, jaPage.StatusCode);
        Assert.Contains("ページが見つかりません", await jaPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var en = App.CreateBrowserlikeClient();
        en.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        Assert.Contains("Page not found", await (await en.GetAsync("/nobody-here/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_default_then_user_choice_then_the_switcher_decide_the_language()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura-test", culture: "ja");
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("<html lang=\"ja\">", await client.GetStringAsync("/sakura-test/account/login"), StringComparison.Ordinal);

        var employee = await App.CreateUserAsync(tenant, "english.speaker@sakura.test");
        var signedIn = await App.SignInAsync("sakura-test", employee.Email!);
        await signedIn.PostFormAsync("/sakura-test/account/profile", new() { ["Input.DisplayName"] = "Alex", ["Input.Culture"] = "en" });
        Assert.Contains("Welcome, Alex", await signedIn.GetStringAsync("/sakura-test/"), StringComparison.Ordinal);

        var switched = await signedIn.PostFormAsync("/culture", new() { ["culture"] = "ja", ["returnUrl"] = "/sakura-test/" }, "/sakura-test/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/sakura-test/", switched.Headers.Location!.OriginalString);
        Assert.Contains("ようこそ、Alexさん", await signedIn.GetStringAsync("/sakura-test/"), StringComparison.Ordinal);

        var offsite = await signedIn.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "https://evil.example/" }, "/sakura-test/");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        _ = admin;
    }

    [GeneratedRegex("""(?:\bL|\bl)\["((?:[^"\\]|\\.)+)"|ErrorMessage = "((?:[^"\\]|\\.)+)"|@L\["((?:[^"\\]|\\.)+)"\]""")]
    private static partial Regex KeyUse();

    [Fact]
    public void Every_text_shown_to_users_has_a_japanese_translation()
    {
        var web = Path.Combine(Repository.Root(), "src", "NetworkSaaS.Web");
        var keys = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value))
            .Concat(Roles.All)
            .Concat(AuditActions.All)
            .Concat(Enumerable.Range(400, 200).Select(Web.Features.Api.ApiProblem.TitleKey)) // the API's problem titles, by status
            .ToHashSet(StringComparer.Ordinal);
        var ja = ResourceKeys(Path.Combine(web, "Features", "Localization", "SharedResource.ja.resx"));
        var en = ResourceKeys(Path.Combine(web, "Features", "Localization", "SharedResource.en.resx"));

        Assert.True(keys.Count > 100, $"only {keys.Count} keys found: is the scan broken?");
        var missing = keys.Where(k => !ja.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No Japanese for:\n" + string.Join("\n", missing));
        var unused = ja.Keys.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, "Japanese for texts no longer used:\n" + string.Join("\n", unused));
        var missingEnglish = AuditActions.All.Where(a => !en.ContainsKey(a)).ToList();
        Assert.True(missingEnglish.Count == 0, "No English for audit codes: " + string.Join(", ", missingEnglish));
        foreach (var (key, value) in ja)
        {
            foreach (Match placeholder in Regex.Matches(key, "\\{\\d+(:[^}]*)?\\}"))
            {
                Assert.True(value.Contains(placeholder.Value, StringComparison.Ordinal), $"'{key}' → '{value}' lost {placeholder.Value}");
            }
        }
    }

    private static Dictionary<string, string> ResourceKeys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);
}

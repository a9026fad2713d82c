using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts.Import;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Exports;
using Npgsql;
using Xunit.Abstractions;

namespace NetworkSaaS.Tests.Scale;

/// <summary>
/// What must hold when any number of web and worker processes share one PostgreSQL: two web processes (A and B) and two
/// worker processes, each a real OS process of the built app (<see cref="SeveralProcesses"/>), driven over HTTP with one
/// cookie jar, as a browser behind a load balancer that sends each request to either web process.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SeveralProcessesTests(SeveralProcesses processes, ITestOutputHelper output) : IClassFixture<SeveralProcesses>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private TestApp App => processes.App;

    private static Dictionary<string, string> Login(string email, string password = TestApp.Password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    private static Dictionary<string, string> ContactForm(string family, string given, string company) => new()
    {
        ["Input.FamilyName"] = family,
        ["Input.GivenName"] = given,
        ["Input.CompanyName"] = company,
        ["Input.Depth"] = "3",
        ["Input.Channel"] = "ExchangeEvent",
        ["Input.Visibility"] = "Private",
        ["Input.Tags"] = "",
    };

    private async Task<Browser> SignedInOnAAsync(string slug, string email)
    {
        var browser = processes.NewBrowser();
        await browser.A.PostFormAsync($"/{slug}/account/login", Login(email), expect: HttpStatusCode.Redirect);
        return browser;
    }

    private static async Task AssertSignedInAsync(HttpClient client, string slug) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{slug}/")).StatusCode);

    private static async Task AssertSignedOutAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/{slug}/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/{slug}/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_on_web_A_is_valid_on_web_B_because_the_data_protection_keys_are_shared()
    {
        var (_, admin) = await App.CreateTenantAsync("keys");
        using var browser = processes.NewBrowser();
        await AssertSignedOutAsync(browser.B, "keys");

        await browser.A.PostFormAsync("/keys/account/login", Login(admin.Email!), expect: HttpStatusCode.Redirect);

        // B reads A's cookie (encrypted with the key ring both read from the database) and its server-side session.
        var home = await browser.B.GetAsync("/keys/account/security");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(admin.Email!, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_rendered_by_web_A_is_accepted_by_web_B_and_a_post_without_its_token_is_refused()
    {
        var (tenant, admin) = await App.CreateTenantAsync("forms");
        using var browser = await SignedInOnAAsync("forms", admin.Email!);

        var token = await browser.A.AntiforgeryTokenAsync("/forms/contacts/new");
        var saved = await browser.B.PostFormWithTokenAsync("/forms/contacts/new", ContactForm("Okafor", "Daniel", "Globex"), token, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync(c => c.FamilyName == "Okafor")));

        // The control: B does check tokens (it accepted A's because it could read it).
        await browser.B.PostFormWithTokenAsync("/forms/contacts/new", ContactForm("Forged", "Post", "Globex"), token: null, expect: HttpStatusCode.BadRequest);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync(c => c.FamilyName == "Forged")));
    }

    [Fact]
    public async Task A_contact_changed_or_added_through_web_A_is_never_shown_stale_by_web_B_s_in_memory_copy_of_my_network()
    {
        var (tenant, admin) = await App.CreateTenantAsync("copies");
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex");
        using var browser = await SignedInOnAAsync("copies", admin.Email!);

        // B loads the owner's contacts into its memory; asked again with nothing changed, it serves that copy.
        Assert.Contains("Okafor", await browser.B.GetStringAsync("/copies/contacts"), StringComparison.Ordinal);
        Assert.Contains("Okafor", await browser.B.GetStringAsync("/copies/contacts"), StringComparison.Ordinal);

        await browser.A.PostFormAsync($"/copies/contacts/{contact.Id}/edit", ContactForm("Adeyemi", "Daniel", "Globex"), expect: HttpStatusCode.Redirect);
        var afterEdit = await browser.B.GetStringAsync("/copies/contacts");
        Assert.Contains("Adeyemi", afterEdit, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", afterEdit, StringComparison.Ordinal);

        await browser.A.PostFormAsync("/copies/contacts/new", ContactForm("Lindqvist", "Maja", "Initech"), expect: HttpStatusCode.Redirect);
        Assert.Contains("Lindqvist", await browser.B.GetStringAsync("/copies/contacts?q=Initech"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_started_through_web_A_each_run_exactly_once_on_one_of_the_two_workers()
    {
        var (tenant, admin) = await App.CreateTenantAsync("once");
        var users = new List<AppUser> { admin };
        for (var i = 1; i <= 3; i++)
        {
            users.Add(await App.CreateUserAsync(tenant, $"user{i}@once.test"));
        }

        foreach (var user in users)
        {
            await App.CreateContactAsync(tenant, user.Id, "Contact", $"Of {user.DisplayName}", "Globex");
            using var browser = await SignedInOnAAsync("once", user.Email!);
            await browser.A.PostFormAsync("/once/exports?handler=MyContacts", new() { ["format"] = "Csv" }, "/once/exports", expect: HttpStatusCode.Redirect);
        }

        var exports = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.AsNoTracking().Select(e => e.Id).ToListAsync());
        Assert.Equal(users.Count, exports.Count);
        await WaitUntilAsync(async () => await App.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<AppDbContext>().ExportRequests.AllAsync(e => e.Status == ExportStatus.Completed)), "every export completed");

        foreach (var exportId in exports)
        {
            var jobId = JobOf<ExportJob>(exportId);
            await WaitForStateAsync(jobId, SucceededState.StateName);
            var history = processes.Storage.GetMonitoringApi().JobDetails(jobId).History;
            var ranOn = Assert.Single(history, h => h.StateName == ProcessingState.StateName).Data["ServerId"];
            Assert.Single(history, h => h.StateName == SucceededState.StateName);
            Assert.Contains(processes.Workers, w => ranOn.Contains($":{w.Id}:", StringComparison.Ordinal));
            var (attempts, files) = await App.InTenantAsync(tenant, async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                return (await db.ExportRequests.Where(e => e.Id == exportId).Select(e => e.Attempts).SingleAsync(),
                    await db.ExportFiles.CountAsync(f => f.ExportId == exportId));
            });
            Assert.Equal((1, 1), (attempts, files));
            output.WriteLine($"export {exportId}: job {jobId} ran once, on {ranOn}");
        }

        var ready = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications
            .CountAsync(n => n.Kind == Core.Features.Notifications.NotificationKinds.ExportReady));
        Assert.Equal(users.Count, ready);
    }

    [Fact]
    public async Task An_import_whose_worker_is_killed_mid_job_is_finished_by_the_other_worker_with_every_row_imported_once()
    {
        const int rows = 12_000;
        var (tenant, admin) = await App.CreateTenantAsync("killed");
        using var browser = await SignedInOnAAsync("killed", admin.Email!);
        var csv = new StringBuilder(ContactFileReader.GenericCsvTemplateHeader).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Family{i},Given{i},,,Company {i % 50},,Engineer,person{i}@example.com,,,,,,\r\n");
        }

        var url = (await ImportTests.UploadAsync(browser.A, "killed", "big.csv", Encoding.UTF8.GetBytes(csv.ToString()))).Headers.Location!.OriginalString;
        var batchId = Guid.Parse(url.Split('/')[^1]);
        var token = await browser.A.AntiforgeryTokenAsync("/killed/contacts/import");
        await browser.B.PostFormWithTokenAsync($"{url}?handler=Start", [], token, expect: HttpStatusCode.Redirect);

        // Mid-job: some chunks committed, not all.
        var jobId = JobOf<ImportContactsJob>(batchId);
        var clock = Stopwatch.StartNew();
        ImportBatch batch;
        do
        {
            batch = await BatchAsync(tenant, batchId);
            Assert.True(batch.ProcessedRows < rows, "The import finished before the test could kill its worker: make the file larger.");
            Assert.True(clock.Elapsed < Patience, $"The import did not start within {Patience.TotalMinutes:0} minutes.");
            await Task.Delay(20);
        }
        while (batch.ProcessedRows < ContactImporter.ChunkSize);

        var taken = processes.Storage.GetMonitoringApi().JobDetails(jobId).History.First(h => h.StateName == ProcessingState.StateName).Data["ServerId"];
        var victim = processes.Workers.Single(w => !w.HasExited && taken.Contains($":{w.Id}:", StringComparison.Ordinal));
        var survivor = processes.Workers.Single(w => !w.HasExited && w != victim);
        await victim.KillAsync();
        var processedAtKill = (await BatchAsync(tenant, batchId)).ProcessedRows;
        var killedAt = clock.Elapsed;

        await WaitUntilAsync(async () => (await BatchAsync(tenant, batchId)).Status == ImportStatus.Completed, "the import completed");
        await WaitForStateAsync(jobId, SucceededState.StateName);
        var done = clock.Elapsed;

        var servers = processes.Storage.GetMonitoringApi().JobDetails(jobId).History
            .Where(h => h.StateName == ProcessingState.StateName).Reverse().Select(h => h.Data["ServerId"]).ToList();
        Assert.Equal(2, servers.Count);
        Assert.Contains($":{victim.Id}:", servers[0], StringComparison.Ordinal);
        Assert.Contains($":{survivor.Id}:", servers[1], StringComparison.Ordinal);
        var finished = await BatchAsync(tenant, batchId);
        Assert.Equal((rows, rows, 0), (finished.ProcessedRows, finished.Created, finished.Rejected));
        var (contacts, distinctNames, batchRows) = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Contacts.CountAsync(), await db.Contacts.Select(c => c.FamilyName).Distinct().CountAsync(),
                await db.ImportBatchContacts.CountAsync(r => r.BatchId == batchId));
        });
        Assert.Equal((rows, rows, rows), (contacts, distinctNames, batchRows));
        output.WriteLine(
            $"killed {victim.Name} at {killedAt.TotalSeconds:0.0} s with {processedAtKill}/{rows} rows committed; {survivor.Name} finished at " +
            $"{done.TotalSeconds:0.0} s (invisibility timeout {SeveralProcesses.InvisibilityTimeout.TotalSeconds:0} s)");

        await processes.AddWorkerAsync(); // two running workers again for the other tests
    }

    [Fact]
    public async Task Ending_sessions_on_web_A_refuses_their_cookies_on_web_B_at_once()
    {
        var (_, admin) = await App.CreateTenantAsync("sessions");
        using var laptop = await SignedInOnAAsync("sessions", admin.Email!);
        using var phone = processes.NewBrowser();
        await phone.B.PostFormAsync("/sessions/account/login", Login(admin.Email!), expect: HttpStatusCode.Redirect);
        await AssertSignedInAsync(phone.A, "sessions");
        await AssertSignedInAsync(laptop.B, "sessions");

        // "Sign out everywhere else" on A: the phone's next request to B is refused.
        await laptop.A.PostFormAsync("/sessions/account/security/sessions?handler=RevokeOthers", [], "/sessions/account/security", expect: HttpStatusCode.Redirect);
        await AssertSignedOutAsync(phone.B, "sessions");
        await AssertSignedInAsync(laptop.B, "sessions");

        // Sign-out on B: a copy of the cookie is refused on A.
        using var copy = processes.NewBrowser();
        foreach (Cookie cookie in laptop.Jar.GetAllCookies())
        {
            copy.Jar.Add(cookie);
        }

        await AssertSignedInAsync(copy.A, "sessions");
        await laptop.B.PostFormAsync("/sessions/account/logout", [], expect: HttpStatusCode.Redirect);
        await AssertSignedOutAsync(copy.A, "sessions");
    }

    [Fact]
    public async Task Sign_in_attempts_for_one_account_on_web_A_and_web_B_count_against_one_limit()
    {
        var (tenant, _) = await App.CreateTenantAsync("limits");
        var user = await App.CreateUserAsync(tenant, "target@limits.test");
        using var browser = processes.NewBrowser();
        var token = await browser.A.AntiforgeryTokenAsync("/limits/account/login");
        var clients = new[] { browser.A, browser.B, browser.A };
        foreach (var client in clients.Take(SeveralProcesses.SignInsPerAccount))
        {
            await client.PostFormWithTokenAsync("/limits/account/login", Login(user.Email!, "wrong-password-1"), token, expect: HttpStatusCode.OK);
        }

        // Each process alone has seen fewer attempts than the limit; together they have reached it.
        var refused = await browser.B.PostFormWithTokenAsync("/limits/account/login", Login(user.Email!, "wrong-password-1"), token, expect: HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await browser.A.PostFormWithTokenAsync("/limits/account/login", Login(user.Email!), token, expect: HttpStatusCode.TooManyRequests);

        // Another account is not affected.
        var other = await App.CreateUserAsync(tenant, "other@limits.test");
        await browser.B.PostFormWithTokenAsync("/limits/account/login", Login(other.Email!), token, expect: HttpStatusCode.Redirect);
    }

    private Task<ImportBatch> BatchAsync(ITenantInfo tenant, Guid batchId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));

    /// <summary>The id of the one Hangfire job of type <typeparamref name="TJob"/> whose arguments name <paramref name="id"/>.</summary>
    private string JobOf<TJob>(Guid id)
    {
        using var connection = new NpgsqlConnection(processes.SuperUserConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT id::text FROM hangfire.job WHERE invocationdata::text LIKE $1 AND arguments::text LIKE $2", connection)
        {
            Parameters = { new NpgsqlParameter { Value = $"%{typeof(TJob).Name}%" }, new NpgsqlParameter { Value = $"%{id}%" } },
        };
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"No {typeof(TJob).Name} job for {id}.");
        var jobId = reader.GetString(0);
        Assert.False(reader.Read(), $"More than one {typeof(TJob).Name} job for {id}.");
        return jobId;
    }

    private async Task WaitForStateAsync(string jobId, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (processes.Storage.GetMonitoringApi().JobDetails(jobId).History[0].StateName != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} did not reach {state} within {Patience.TotalMinutes:0} minutes.");
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience.TotalMinutes:0} minutes: {what}.");
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts.Import;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Tests.Contacts;

public sealed class ImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    internal static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Unit", "Interchange", "Samples", name));

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string slug, string fileName, byte[] content, HttpStatusCode? expect = null)
    {
        var token = await client.AntiforgeryTokenAsync($"/{slug}/contacts/import");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await HttpForms.CheckedAsync(await client.PostAsync($"/{slug}/contacts/import", form), expect);
    }

    [Fact]
    public async Task An_iphone_vcard_file_is_previewed_imported_and_a_second_import_creates_no_duplicates()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme", culture: "ja");
        var client = await App.SignInAsync("acme", owner.Email!);
        var upload = await UploadAsync(client, "acme", "ios-contacts.vcf", Sample("ios-contacts.vcf"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var batchUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetStringAsync(batchUrl);
        Assert.Contains("id=\"import-preview\"", preview, StringComparison.Ordinal);
        Assert.Contains("高橋 健太", preview, StringComparison.Ordinal);

        var start = await client.PostFormAsync($"{batchUrl}?handler=Start", [], batchUrl);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Contains("id=\"import-result\"", await client.GetStringAsync(batchUrl), StringComparison.Ordinal);
        var first = await ContactsOfAsync(tenant);
        var kenta = Assert.Single(first, c => c.DisplayName == "高橋 健太");
        Assert.Equal(("たかはし", "けんた"), (kenta.FamilyNameKana, kenta.GivenNameKana));
        Assert.Contains("+819055551111", kenta.PhonesE164);
        Assert.Equal("株式会社ブルーオーシャン", kenta.CompanyName);
        Assert.NotNull(kenta.OrganizationId);

        var again = await UploadAsync(client, "acme", "ios-contacts.vcf", Sample("ios-contacts.vcf"));
        var againUrl = again.Headers.Location!.OriginalString;
        var plan = await client.GetStringAsync(againUrl);
        Assert.Contains($"data-create=\"0\" data-update=\"{first.Count}\"", plan, StringComparison.Ordinal);
        var second = await client.PostFormAsync($"{againUrl}?handler=Start", [], againUrl);
        Assert.Equal(againUrl, second.Headers.Location!.OriginalString);
        var batches = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.AsNoTracking().OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync());
        Assert.Equal((ImportStatus.Completed, 0, first.Count), (batches[^1].Status, batches[^1].Created, batches[^1].Updated));
        Assert.Equal(first.Count, (await ContactsOfAsync(tenant)).Count);
    }

    [Fact]
    public async Task An_eight_export_in_shift_jis_keeps_the_exchange_date_and_tags()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme", culture: "ja");
        var client = await App.SignInAsync("acme", owner.Email!);
        var upload = await UploadAsync(client, "acme", "eight-meishi.csv", Sample("eight-meishi.csv"));
        var url = upload.Headers.Location!.OriginalString;
        Assert.Contains("Shift_JIS", await client.GetStringAsync(url), StringComparison.Ordinal);
        await client.PostFormAsync($"{url}?handler=Start", [], url);
        var yamada = (await ContactsOfAsync(tenant)).Single(c => c.DisplayName == "山田 太郎");
        Assert.Equal(new DateOnly(2024, 6, 12), yamada.MetOn);
        Assert.Contains("展示会2024", yamada.Tags);
        Assert.Equal(MeetingChannel.ExchangeEvent, yamada.Channel);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_number_while_good_rows_are_kept()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        var csv = string.Join("\r\n",
            ContactFileReader.GenericCsvTemplateHeader,
            "Tanaka,Haruka,,,Toyota,Purchasing,Manager,haruka@toyota.example,,,,,,2023-01-15",
            "Broken,Email,,,Globex,,,not-an-email,,,,,,",
            "Okafor,Daniel,,,Globex,,,daniel@globex.example,,,,,,2024-13-40",
            "Nguyen,Anh,,,Acme Logistics,,,anh@acme.example,,,,,\"=HYPERLINK(\"\"http://evil\"\")\",") + "\r\n";
        var upload = await UploadAsync(client, "acme", "contacts.csv", Encoding.UTF8.GetBytes(csv));
        var url = upload.Headers.Location!.OriginalString;
        var preview = await client.GetStringAsync(url);
        Assert.Contains("<td>3</td>", preview, StringComparison.Ordinal);
        Assert.Contains("not-an-email", preview, StringComparison.Ordinal);
        Assert.Contains("<td>4</td>", preview, StringComparison.Ordinal);
        await client.PostFormAsync($"{url}?handler=Start", [], url);

        var names = (await ContactsOfAsync(tenant)).Select(c => c.DisplayName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Anh Nguyen", "Haruka Tanaka"], names);
        var nguyen = (await ContactsOfAsync(tenant)).Single(c => c.GivenName == "Anh");
        Assert.Equal("=HYPERLINK(\"http://evil\")", nguyen.Notes);
    }

    [Theory]
    [InlineData("notes.txt", "just some words, nothing else\nmore words", "not a format we can import")]
    [InlineData("empty.csv", "", "The file is empty.")]
    public async Task Files_that_are_not_contacts_get_a_clear_message(string fileName, string content, string message)
    {
        var (_, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await UploadAsync(client, "acme", fileName, Encoding.UTF8.GetBytes(content), expect: HttpStatusCode.OK);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_colleague_cannot_open_or_start_someone_elses_import()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var colleague = await App.CreateUserAsync(tenant, "colleague@acme.test");
        var ownerClient = await App.SignInAsync("acme", owner.Email!);
        var url = (await UploadAsync(ownerClient, "acme", "google.vcf", Sample("google-contacts-v4.vcf"))).Headers.Location!.OriginalString;
        var other = await App.SignInAsync("acme", colleague.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        await other.PostFormAsync($"{url}?handler=Start", [], "/acme/contacts/import", expect: HttpStatusCode.NotFound);
        Assert.Empty(await ContactsOfAsync(tenant));
    }

    private Task<List<Contact>> ContactsOfAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().ToListAsync());
}

/// <summary>Large files go to a Hangfire job (the "all" role runs a real server on PostgreSQL).</summary>
public class LargeImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "all" };

    [Fact]
    public async Task A_file_of_two_thousand_rows_is_imported_in_the_background_with_progress()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        var csv = new StringBuilder(ContactFileReader.GenericCsvTemplateHeader).Append("\r\n");
        for (var i = 0; i < 2000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Family{i},Given{i},,,Company {i % 50},,Engineer,person{i}@example.com,,,,,,\r\n");
        }

        var url = (await ImportTests.UploadAsync(client, "acme", "big.csv", Encoding.UTF8.GetBytes(csv.ToString()))).Headers.Location!.OriginalString;
        await client.PostFormAsync($"{url}?handler=Start", [], url);
        var page = await client.GetStringAsync(url);
        Assert.True(page.Contains("id=\"import-progress\"", StringComparison.Ordinal) || page.Contains("id=\"import-result\"", StringComparison.Ordinal));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(await client.GetStringAsync(url)).Contains("id=\"import-result\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The background import did not finish in 90 s.");
            await Task.Delay(250);
        }

        var counts = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (Contacts: await db.Contacts.CountAsync(), Organizations: await db.Organizations.CountAsync());
        });
        Assert.Equal((2000, 50), counts);
    }
}

public sealed class AbandonedImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Files_previewed_but_never_imported_are_deleted_after_a_day_and_failed_files_after_a_week()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        var fresh = (await ImportTests.UploadAsync(client, "acme", "fresh.vcf", ImportTests.Sample("ios-contacts.vcf"))).Headers.Location!.OriginalString;
        await ImportTests.UploadAsync(client, "acme", "old.vcf", ImportTests.Sample("ios-contacts.vcf"));
        await ImportTests.UploadAsync(client, "acme", "failed.vcf", ImportTests.Sample("google-contacts-v4.vcf"));
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var old = await db.ImportBatches.SingleAsync(b => b.FileName == "old.vcf");
            old.CreatedAt = DateTimeOffset.UtcNow.AddDays(-2);
            var failed = await db.ImportBatches.SingleAsync(b => b.FileName == "failed.vcf");
            failed.Status = ImportStatus.Failed;
            failed.CreatedAt = DateTimeOffset.UtcNow.AddDays(-8);
            return await db.SaveChangesAsync();
        });

        var changed = await App.InTenantAsync(tenant, sp =>
            ActivatorUtilities.CreateInstance<NetworkSaaS.Web.Features.Contacts.Import.AbandonedImportCleanupJob>(sp).RunAsync(tenant.Id, CancellationToken.None));
        Assert.Equal(2, changed);
        var left = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.AsNoTracking()
            .Select(b => new { b.FileName, HasFile = b.Content != null }).OrderBy(b => b.FileName).ToListAsync());
        Assert.Equal([new { FileName = "failed.vcf", HasFile = false }, new { FileName = "fresh.vcf", HasFile = true }], left);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(fresh)).StatusCode);

        var failedId = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.Where(b => b.FileName == "failed.vcf").Select(b => b.Id).SingleAsync());
        var failedUrl = $"/acme/contacts/import/{failedId}";
        Assert.Contains("id=\"import-failed\"", await client.GetStringAsync(failedUrl), StringComparison.Ordinal);
        var restart = await client.PostFormAsync($"{failedUrl}?handler=Start", [], failedUrl);
        Assert.Equal(HttpStatusCode.Redirect, restart.StatusCode);
    }
}

/// <summary>Jobs take the tenant as an argument: run with tenant A, they never touch tenant B's batches.</summary>
public sealed class ImportJobIsolationTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Import_and_cleanup_jobs_of_one_tenant_leave_another_tenants_batches_alone()
    {
        var (alpha, _) = await App.CreateTenantAsync("alpha");
        var (bravo, bravoOwner) = await App.CreateTenantAsync("bravo");
        var client = await App.SignInAsync("bravo", bravoOwner.Email!);
        var url = (await ImportTests.UploadAsync(client, "bravo", "ios.vcf", ImportTests.Sample("ios-contacts.vcf"))).Headers.Location!.OriginalString;
        var batchId = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        await App.InTenantAsync(bravo, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.ImportBatches.SingleAsync()).CreatedAt = DateTimeOffset.UtcNow.AddDays(-3);
            return await db.SaveChangesAsync();
        });

        await App.InTenantAsync(alpha, async sp =>
        {
            await ActivatorUtilities.CreateInstance<NetworkSaaS.Web.Features.Contacts.Import.ImportContactsJob>(sp).RunAsync(alpha.Id, batchId, CancellationToken.None);
            return await ActivatorUtilities.CreateInstance<NetworkSaaS.Web.Features.Contacts.Import.AbandonedImportCleanupJob>(sp).RunAsync(alpha.Id, CancellationToken.None);
        });

        var (batches, contacts) = await App.InTenantAsync(bravo, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.ImportBatches.CountAsync(b => b.Status == ImportStatus.Previewed), await db.Contacts.CountAsync());
        });
        Assert.Equal((1, 0), (batches, contacts));
    }
}

public sealed class OversizedImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override bool ListensOnRealPort => true;

    [Fact]
    public async Task A_file_over_twenty_megabytes_is_refused_with_a_localized_page_and_nothing_stored()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme", culture: "ja");
        var server = App.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        // The client waits for the server's answer as long as it takes (not HttpClient's 1 s): on a loaded machine a
        // shorter wait sends the body before the refusal arrives, and the server closes the connection under it.
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer(), Expect100ContinueTimeout = TimeSpan.FromMinutes(2),
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(server) };
        var signIn = await client.PostFormAsync("/acme/account/login", new() { ["Input.Email"] = owner.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Like a browser, wait for the server's go-ahead before sending the body: the server refuses it first.
        client.DefaultRequestHeaders.ExpectContinue = true;
        var big = new byte[21 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        var response = await ImportTests.UploadAsync(client, "acme", "huge.csv", big, expect: HttpStatusCode.RequestEntityTooLarge);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("ファイルが大きすぎます", StringComparison.Ordinal), body);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.CountAsync()));
    }
}

/// <summary>A background import that fails half way keeps what it committed and, started again, resumes without duplicates.</summary>
public sealed class ResumedImportTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task An_import_that_fails_half_way_resumes_where_it_stopped_without_duplicates()
    {
        var (tenant, owner) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", owner.Email!);
        const int rows = ContactImporter.ChunkSize * 2 + 200;
        var csv = new StringBuilder(ContactFileReader.GenericCsvTemplateHeader).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Family{i},Given{i},,,Company {i % 50},,Engineer,person{i}@example.com,,,,,,\r\n");
        }

        var url = (await ImportTests.UploadAsync(client, "acme", "big.csv", Encoding.UTF8.GetBytes(csv.ToString()))).Headers.Location!.OriginalString;
        var batchId = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        // The database refuses one row of the second chunk, as a full disk or a lost connection would.
        await ExecuteAsSuperuserAsync($"""
            CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.family_name = 'Family{ContactImporter.ChunkSize + 100}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_row BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_row();
            """);

        await client.PostFormAsync($"{url}?handler=Start", [], url, expect: HttpStatusCode.Redirect);
        await Assert.ThrowsAsync<DbUpdateException>(() => RunImportJobAsync(tenant, batchId));
        var failed = await BatchAsync(tenant, batchId);
        Assert.Equal((ImportStatus.Failed, ContactImporter.ChunkSize, ContactImporter.ChunkSize), (failed.Status, failed.ProcessedRows, failed.Created));
        Assert.Equal(ContactImporter.ChunkSize, await CountAsync(tenant));
        Assert.Contains("id=\"import-failed\"", await client.GetStringAsync(url), StringComparison.Ordinal);

        await ExecuteAsSuperuserAsync("DROP TRIGGER refuse_row ON contacts; DROP FUNCTION refuse_row();");
        await client.PostFormAsync($"{url}?handler=Start", [], url, expect: HttpStatusCode.Redirect);
        await RunImportJobAsync(tenant, batchId);

        var done = await BatchAsync(tenant, batchId);
        Assert.Equal((ImportStatus.Completed, rows, rows, 0), (done.Status, done.ProcessedRows, done.Created, done.Updated));
        var emails = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Select(c => c.Emails).ToListAsync());
        Assert.Equal(rows, emails.Count);
        Assert.Equal(rows, emails.SelectMany(e => e).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("id=\"import-result\"", await client.GetStringAsync(url), StringComparison.Ordinal);
    }

    private Task RunImportJobAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant, Guid batchId) => App.InTenantAsync(tenant, async sp =>
    {
        await ActivatorUtilities.CreateInstance<ImportContactsJob>(sp).RunAsync(tenant.Id, batchId, CancellationToken.None);
        return true;
    });

    private Task<ImportBatch> BatchAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant, Guid batchId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));

    private Task<int> CountAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.CountAsync());

    private async Task ExecuteAsSuperuserAsync(string sql)
    {
        await using var superuser = new Npgsql.NpgsqlConnection(SuperUserConnectionString);
        await superuser.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, superuser);
        await command.ExecuteNonQueryAsync();
    }
}

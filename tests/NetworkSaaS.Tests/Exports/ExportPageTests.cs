using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Exports;
using NetworkSaaS.Web.Features.Exports.HrReview;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Exports;

/// <summary>/{tenant}/exports over HTTP: who may request what, cancel, and download (owner and tenant checked).</summary>
public sealed partial class ExportPageTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");
    private readonly string _orbitSlug = Slug("orbit");

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    private sealed record People(Tenant Tenant, AppUser Admin, AppUser Hr, AppUser Employee, Guid Department);

    private async Task<People> SeedAsync(string? slug = null)
    {
        slug ??= _orbitSlug;
        var (tenant, admin) = await App.CreateTenantAsync(slug);
        var hr = await App.CreateUserAsync(tenant, $"hr@{slug}.test", Roles.HR);
        var employee = await App.CreateUserAsync(tenant, $"emp@{slug}.test");
        await App.CreateContactAsync(tenant, employee.Id, "Nakamura", "Yui", "Hikari Logistics", ContactVisibility.Shared);
        var department = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var sales = new Department { Name = "Sales" };
            db.Departments.Add(sales);
            await db.SaveChangesAsync();
            return sales.Id;
        });
        return new People(tenant, admin, hr, employee, department);
    }

    private Task<List<ExportRequest>> ExportsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private static Dictionary<string, string> Review(string from, string to, string? department = null, params string[] columns)
    {
        var form = new Dictionary<string, string> { ["Review.From"] = from, ["Review.To"] = to, ["Review.DepartmentId"] = department ?? "" };
        for (var i = 0; i < columns.Length; i++)
        {
            form[$"Review.Columns[{i}]"] = columns[i];
        }

        return form;
    }

    [Fact]
    public async Task An_employee_queues_their_own_contacts_export_once_and_sees_no_hr_exports()
    {
        var people = await SeedAsync();
        var client = await App.SignInAsync(_orbitSlug, people.Employee.Email!);

        var page = await client.GetStringAsync($"/{_orbitSlug}/exports");
        Assert.Contains("id=\"my-contacts-export\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"hr-review-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"company-contacts-export\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-exports\"", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineCode(), page);

        var queued = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=MyContacts", new() { ["format"] = "Xlsx" }, $"/{_orbitSlug}/exports");
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        Assert.Equal($"/{_orbitSlug}/exports", queued.Headers.Location!.OriginalString);
        var again = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=MyContacts", new() { ["format"] = "Xlsx" }, $"/{_orbitSlug}/exports");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("An export of this kind is already in progress.", await client.GetStringAsync($"/{_orbitSlug}/exports"), StringComparison.Ordinal);
        var csv = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=MyContacts", new() { ["format"] = "Csv" }, $"/{_orbitSlug}/exports");
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        var bad = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=MyContacts", new() { ["format"] = "Pdf" }, $"/{_orbitSlug}/exports", expect: HttpStatusCode.BadRequest);

        var exports = await ExportsAsync(people.Tenant);
        Assert.Equal([(ExportKind.MyContacts, ExportFormat.Xlsx), (ExportKind.MyContacts, ExportFormat.Csv)], exports.Select(e => (e.Kind, e.Format)));
        Assert.All(exports, e => Assert.Equal((people.Employee.Id, ExportStatus.Queued, "en"), (e.OwnerId, e.Status, e.Culture)));
        var enqueued = App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        Assert.Equal(2, enqueued.Count(j => j.Value.Job.Type == typeof(ExportJob)));
        Assert.All(enqueued.Where(j => j.Value.Job.Type == typeof(ExportJob)), j => Assert.Equal(people.Tenant.Id, j.Value.Job.Args[0]));

        var history = await client.GetStringAsync($"/{_orbitSlug}/exports");
        Assert.Contains("http-equiv=\"refresh\"", history, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(history, "data-status=\"Queued\""));
    }

    [Fact]
    public async Task Only_hr_and_admins_may_request_the_hr_review_and_the_company_contacts()
    {
        var people = await SeedAsync();
        var employee = await App.SignInAsync(_orbitSlug, people.Employee.Email!);
        var token = await employee.AntiforgeryTokenAsync($"/{_orbitSlug}/exports");

        await employee.PostFormWithTokenAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2026-01-01", "2026-03-31", null, HrReviewColumns.All.ToArray()), token, expect: HttpStatusCode.Forbidden);
        await employee.PostFormWithTokenAsync($"/{_orbitSlug}/exports?handler=CompanyContacts", new() { ["format"] = "Xlsx" }, token, expect: HttpStatusCode.Forbidden);
        Assert.Empty(await ExportsAsync(people.Tenant));

        foreach (var user in new[] { people.Hr, people.Admin })
        {
            var client = await App.SignInAsync(_orbitSlug, user.Email!);
            var page = await client.GetStringAsync($"/{_orbitSlug}/exports");
            Assert.Contains("id=\"hr-review-form\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"2025-09-01\"", page, StringComparison.Ordinal); // the last six whole months by default
            Assert.Contains("value=\"2026-02-28\"", page, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineCode(), page);
            await client.PostFormAsync($"/{_orbitSlug}/exports?handler=CompanyContacts", new() { ["format"] = "Csv" }, $"/{_orbitSlug}/exports", expect: HttpStatusCode.Redirect);
            await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview",
                Review("2026-01-01", "2026-03-31", people.Department.ToString(), HrReviewColumns.LeadsWon, HrReviewColumns.IntroductionsSheet), $"/{_orbitSlug}/exports", expect: HttpStatusCode.Redirect);
        }

        var exports = await ExportsAsync(people.Tenant);
        Assert.Equal(4, exports.Count);
        var hrReview = exports.First(e => e.Kind == ExportKind.HrReview);
        Assert.Equal((people.Hr.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), people.Department, ExportFormat.Xlsx),
            (hrReview.OwnerId, hrReview.PeriodFrom!.Value, hrReview.PeriodTo!.Value, hrReview.DepartmentId!.Value, hrReview.Format));
        Assert.Equal([HrReviewColumns.LeadsWon, HrReviewColumns.IntroductionsSheet], hrReview.Columns);
    }

    [Fact]
    public async Task Hr_whose_role_is_removed_loses_the_company_exports_they_requested_at_once()
    {
        var people = await SeedAsync();
        var companyContacts = await ExportRuns.CompletedAsync(App, people.Tenant, people.Hr.Id, ExportKind.CompanyContacts, ExportFormat.Csv);
        var review = await ExportRuns.CompletedAsync(App, people.Tenant, people.Hr.Id, ExportKind.HrReview, ExportFormat.Xlsx, r =>
        {
            r.PeriodFrom = new DateOnly(2026, 1, 1);
            r.PeriodTo = new DateOnly(2026, 2, 28);
            r.Columns = [.. HrReviewColumns.All];
        });
        var own = await ExportRuns.CompletedAsync(App, people.Tenant, people.Hr.Id, ExportKind.MyContacts, ExportFormat.Csv);
        var hr = await App.SignInAsync(_orbitSlug, people.Hr.Email!);
        foreach (var id in new[] { companyContacts, review, own })
        {
            Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/{_orbitSlug}/exports/{id}/download")).StatusCode);
        }

        // The role taken away in the database alone (as a directory sync could), so the browser's cookie still says HR
        // and its session stays live: the database decides, not the cookie.
        await using (var superuser = new Npgsql.NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var delete = new Npgsql.NpgsqlCommand(
                $"DELETE FROM user_roles WHERE user_id = '{people.Hr.Id}' AND role_id = (SELECT id FROM roles WHERE name = '{Roles.HR}')", superuser);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/{_orbitSlug}/exports/{companyContacts}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/{_orbitSlug}/exports/{review}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/{_orbitSlug}/exports/{own}/download")).StatusCode);
        var list = await hr.GetStringAsync($"/{_orbitSlug}/exports");
        Assert.DoesNotContain(companyContacts.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(review.ToString(), list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{_orbitSlug}/exports/{own}/download\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"hr-review-form\"", list, StringComparison.Ordinal);
        var token = await hr.AntiforgeryTokenAsync($"/{_orbitSlug}/exports");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostFormWithTokenAsync($"/{_orbitSlug}/exports?handler=CompanyContacts", new() { ["format"] = "Xlsx" }, token, expect: HttpStatusCode.Forbidden)).StatusCode);
        Assert.Equal(3, (await ExportsAsync(people.Tenant)).Count);
    }

    [Fact]
    public async Task An_invalid_hr_review_request_is_shown_again_with_its_problem_and_queues_nothing()
    {
        var people = await SeedAsync();
        var client = await App.SignInAsync(_orbitSlug, people.Hr.Email!);

        var backwards = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2026-03-31", "2026-01-01", null, HrReviewColumns.LeadsWon), $"/{_orbitSlug}/exports", expect: HttpStatusCode.OK);
        Assert.Contains("Choose a period of up to two years whose end is not before its start.", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2023-01-01", "2026-01-01", null, HrReviewColumns.LeadsWon), $"/{_orbitSlug}/exports", expect: HttpStatusCode.OK);
        var noColumn = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2026-01-01", "2026-03-31"), $"/{_orbitSlug}/exports", expect: HttpStatusCode.OK);
        Assert.Contains("Choose at least one column.", await noColumn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownColumn = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2026-01-01", "2026-03-31", null, "salary"), $"/{_orbitSlug}/exports", expect: HttpStatusCode.OK);
        var otherDepartment = await client.PostFormAsync($"/{_orbitSlug}/exports?handler=HrReview", Review("2026-01-01", "2026-03-31", Guid.NewGuid().ToString(), HrReviewColumns.LeadsWon), $"/{_orbitSlug}/exports", expect: HttpStatusCode.OK);
        Assert.Contains("Choose a department from the list.", await otherDepartment.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Empty(await ExportsAsync(people.Tenant));
    }

    [Fact]
    public async Task The_owner_downloads_and_cancels_their_own_exports_and_anyone_else_gets_404()
    {
        var people = await SeedAsync();
        var done = await ExportRuns.CompletedAsync(App, people.Tenant, people.Employee.Id, ExportKind.MyContacts, ExportFormat.Csv);
        var queued = await ExportRuns.QueueAsync(App, people.Tenant, people.Employee.Id, ExportKind.MyContacts, ExportFormat.Xlsx);
        var owner = await App.SignInAsync(_orbitSlug, people.Employee.Email!);
        var colleague = await App.SignInAsync(_orbitSlug, people.Hr.Email!);

        var download = await owner.GetAsync($"/{_orbitSlug}/exports/{done}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("networksaas-my-contacts-20260310.csv", download.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("no-store", download.Headers.CacheControl!.ToString());
        Assert.Equal(await ExportRuns.FileAsync(App, people.Tenant, done), await download.Content.ReadAsByteArrayAsync());
        var history = await owner.GetStringAsync($"/{_orbitSlug}/exports");
        Assert.Contains($"href=\"/{_orbitSlug}/exports/{done}/download\"", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await owner.GetAsync($"/{_orbitSlug}/exports/{queued}/download")).StatusCode);

        // A colleague (HR even) neither downloads nor cancels someone else's export; it is as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/{_orbitSlug}/exports/{done}/download")).StatusCode);
        await colleague.PostFormAsync($"/{_orbitSlug}/exports?handler=Cancel", new() { ["exportId"] = queued.ToString() }, $"/{_orbitSlug}/exports", expect: HttpStatusCode.NotFound);
        Assert.DoesNotContain(done.ToString(), await colleague.GetStringAsync($"/{_orbitSlug}/exports"), StringComparison.Ordinal);
        Assert.Equal(ExportStatus.Queued, (await ExportRuns.LoadAsync(App, people.Tenant, queued)).Status);

        var cancelled = await owner.PostFormAsync($"/{_orbitSlug}/exports?handler=Cancel", new() { ["exportId"] = queued.ToString() }, $"/{_orbitSlug}/exports");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("The export was cancelled.", await owner.GetStringAsync($"/{_orbitSlug}/exports"), StringComparison.Ordinal);
        Assert.Equal(ExportStatus.Cancelled, (await ExportRuns.LoadAsync(App, people.Tenant, queued)).Status);
        await owner.PostFormAsync($"/{_orbitSlug}/exports?handler=Cancel", new() { ["exportId"] = done.ToString() }, $"/{_orbitSlug}/exports");
        Assert.Contains("This export had already ended.", await owner.GetStringAsync($"/{_orbitSlug}/exports"), StringComparison.Ordinal);
        Assert.Equal(ExportStatus.Completed, (await ExportRuns.LoadAsync(App, people.Tenant, done)).Status);

        // After the download period the file is gone, even before the cleanup job deleted it.
        _clock.UtcNow += ExportStore.DownloadPeriod + TimeSpan.FromMinutes(1);
        owner = await App.SignInAsync(_orbitSlug, people.Employee.Email!); // the sign-in of a week ago has expired
        Assert.Equal(HttpStatusCode.Gone, (await owner.GetAsync($"/{_orbitSlug}/exports/{done}/download")).StatusCode);
        Assert.DoesNotContain($"/{_orbitSlug}/exports/{done}/download", await owner.GetStringAsync($"/{_orbitSlug}/exports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_of_another_company_is_404_through_any_path_for_its_own_owner_too()
    {
        var alpha = await SeedAsync(_alphaSlug);
        var bravo = await SeedAsync(_bravoSlug);
        var alphaExport = await ExportRuns.CompletedAsync(App, alpha.Tenant, alpha.Employee.Id, ExportKind.MyContacts, ExportFormat.Csv);
        var alphaOwner = await App.SignInAsync(_alphaSlug, alpha.Employee.Email!);
        var bravoAdmin = await App.SignInAsync(_bravoSlug, bravo.Admin.Email!);

        Assert.Equal(HttpStatusCode.OK, (await alphaOwner.GetAsync($"/{_alphaSlug}/exports/{alphaExport}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alphaOwner.GetAsync($"/{_bravoSlug}/exports/{alphaExport}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravoAdmin.GetAsync($"/{_bravoSlug}/exports/{alphaExport}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravoAdmin.GetAsync($"/{_alphaSlug}/exports/{alphaExport}/download")).StatusCode);
        await bravoAdmin.PostFormAsync($"/{_bravoSlug}/exports?handler=Cancel", new() { ["exportId"] = alphaExport.ToString() }, $"/{_bravoSlug}/exports", expect: HttpStatusCode.NotFound);
        Assert.Null(await ExportRuns.FileAsync(App, bravo.Tenant, alphaExport));
    }

    [Fact]
    public async Task The_owner_is_notified_in_the_app_and_by_email_when_the_file_is_ready_and_both_lead_to_the_exports_page()
    {
        var people = await SeedAsync();
        var client = await App.SignInAsync(_orbitSlug, people.Employee.Email!);
        await client.PostFormAsync($"/{_orbitSlug}/exports?handler=MyContacts", new() { ["format"] = "Csv" }, $"/{_orbitSlug}/exports");
        var export = Assert.Single(await ExportsAsync(people.Tenant));

        await ExportRuns.RunJobAsync(App, people.Tenant, export.Id);

        var notification = await App.InTenantAsync(people.Tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.SingleAsync());
        Assert.Equal((people.Employee.Id, NotificationKinds.ExportReady), (notification.UserId, notification.Kind));
        Assert.Contains("Your export is ready to download.", await client.GetStringAsync($"/{_orbitSlug}/notifications"), StringComparison.Ordinal);
        var open = await client.PostFormAsync($"/{_orbitSlug}/notifications?handler=Open", new() { ["notificationId"] = notification.Id.ToString() }, $"/{_orbitSlug}/notifications");
        Assert.Equal($"/{_orbitSlug}/exports", open.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync($"/{_orbitSlug}/exports");
        Assert.Contains("data-status=\"Completed\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);

        // The notification email outbox mails it like any other notification: its text and a link to the exports page.
        await App.InTenantAsync(people.Tenant, sp => sp.GetRequiredService<NotificationEmailJob>().RunAsync(people.Tenant.Id, CancellationToken.None));
        var mail = Assert.Single(App.Mails());
        Assert.Equal(people.Employee.Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("Your export is ready to download.", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/{_orbitSlug}/exports", mail.TextBody, StringComparison.Ordinal);
    }
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Reports;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// A Manager's department decides which reports, department introductions and escalations they see, so only Admins
/// assign it: nothing a Manager can send (over-posted profile fields, forged query and route values) widens it.
/// </summary>
public sealed class DepartmentScopeTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string EngineeringSecret = "Engineering-only request";

    private readonly SettableClock _clock = new(ReportDataset.Now);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task A_manager_cannot_widen_their_department_by_any_request_they_can_forge()
    {
        var data = await ReportDataset.SeedAsync(App, "acme");
        var engineeringRequest = await SeedEngineeringOnlyRequestAsync(data);
        var manager = await App.SignInAsync("acme", data.Manager.Email!);

        // Over-posting the department under every name a binder could take it from: the rest of the profile saves, the department does not.
        var saved = await manager.PostFormAsync("/acme/account/profile", new()
        {
            ["Input.DisplayName"] = "Manager renamed",
            ["Input.DepartmentId"] = data.Engineering.ToString(),
            ["DepartmentId"] = data.Engineering.ToString(),
            ["departmentId"] = data.Engineering.ToString(),
        }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("Manager renamed", (Guid?)data.Sales), await NameAndDepartmentAsync(data, data.Manager.Id));
        var profile = await manager.GetStringAsync("/acme/account/profile");
        Assert.DoesNotContain("name=\"Input.DepartmentId\"", profile, StringComparison.Ordinal);
        Assert.Contains("value=\"Sales\"", profile, StringComparison.Ordinal);

        // The admin page that assigns departments refuses them.
        var token = await manager.AntiforgeryTokenAsync("/acme/account/profile");
        var assign = await manager.PostFormWithTokenAsync($"/acme/admin/users/{data.Manager.Id}?handler=Department",
            new() { ["departmentId"] = data.Engineering.ToString() }, token, expect: HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
        Assert.Equal((Guid?)data.Sales, (await NameAndDepartmentAsync(data, data.Manager.Id)).Department);

        // Forged query values on the reports: still Sales only (the engineer and Engineering's numbers never show).
        foreach (var page in new[] { "reports", "reports/funnel", "reports/health" })
        {
            foreach (var query in new[] { $"department={data.Engineering}", $"DepartmentId={data.Engineering}", $"Scope.Department.Id={data.Engineering}" })
            {
                var html = await manager.GetStringAsync($"/acme/{page}?period=FY2026&{query}");
                Assert.Equal("Department: Sales", ReportHtml.Text(html, "report-scope").Split(" · ")[0]);
                Assert.DoesNotContain(">engineer<", html, StringComparison.Ordinal);
            }
        }

        // Department introductions: the Engineering-only request is in no list and its page and handlers are 404.
        foreach (var view in new[] { "Team", "AskedOfMe", "Mine", $"Team&department={data.Engineering}" })
        {
            Assert.DoesNotContain(EngineeringSecret, await manager.GetStringAsync($"/acme/introductions?view={view}"), StringComparison.Ordinal);
        }

        var details = await manager.GetAsync($"/acme/introductions/{engineeringRequest}?department={data.Engineering}");
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.DoesNotContain(EngineeringSecret, await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var handler in new[] { "Accept", "Decline", "Consent", "Withdraw", "Outcome", "Message", "Escalate" })
        {
            await manager.PostFormWithTokenAsync($"/acme/introductions/{engineeringRequest}?handler={handler}",
                new() { ["Message"] = "hijack", ["Reason"] = "hijack" }, token, expect: HttpStatusCode.NotFound);
        }

        var request = await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionRequests.AsNoTracking().SingleAsync(r => r.Id == engineeringRequest));
        Assert.Equal((IntroductionState.Requested, _clock.GetUtcNow()), (request.State, request.UpdatedAt));
        Assert.Equal(0, await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionEvents.CountAsync(e => e.RequestId == engineeringRequest)));
    }

    [Fact]
    public async Task An_admin_assigns_departments_and_every_department_and_role_change_is_audited()
    {
        var data = await ReportDataset.SeedAsync(App, "acme");
        var admin = await App.SignInAsync("acme", data.Admin.Email!);
        var userPage = $"/acme/admin/users/{data.Manager.Id}";
        Assert.Contains($"<option value=\"{data.Sales}\" selected=\"selected\">Sales</option>", await admin.GetStringAsync(userPage), StringComparison.Ordinal);

        var moved = await admin.PostFormAsync($"{userPage}?handler=Department", new() { ["departmentId"] = data.Engineering.ToString() }, userPage, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var unknown = await admin.PostFormAsync($"{userPage}?handler=Department", new() { ["departmentId"] = Guid.CreateVersion7().ToString() }, userPage, expect: HttpStatusCode.OK);
        Assert.Contains("Choose a department from the list.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{userPage}?handler=Department", new() { ["departmentId"] = "" }, userPage, expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{userPage}?handler=Roles", new() { ["roles"] = Roles.HR }, userPage, expect: HttpStatusCode.Redirect)).StatusCode);

        var audit = await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.DepartmentChanged || a.Action == AuditActions.RolesChanged)
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.Subject, a.Details, a.ActorUserId }).ToListAsync());
        Assert.Equal(
        [
            new { Action = AuditActions.DepartmentChanged, Subject = data.Manager.Email!, Details = (string?)"Sales → Engineering", ActorUserId = (Guid?)data.Admin.Id },
            new { Action = AuditActions.DepartmentChanged, Subject = data.Manager.Email!, Details = (string?)"Engineering → ", ActorUserId = (Guid?)data.Admin.Id },
            new { Action = AuditActions.RolesChanged, Subject = data.Manager.Email!, Details = (string?)"added: HR; removed: Manager", ActorUserId = (Guid?)data.Admin.Id },
        ], audit);
        Assert.Null((await NameAndDepartmentAsync(data, data.Manager.Id)).Department);
    }

    private Task<(string Name, Guid? Department)> NameAndDepartmentAsync(ReportDataset data, Guid userId) =>
        App.InTenantAsync(data.Tenant, async sp =>
        {
            var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString());
            return (user!.DisplayName, user.DepartmentId);
        });

    /// <summary>A request between two Engineering people: no Sales member takes part, so a Sales manager never sees it.</summary>
    private async Task<Guid> SeedEngineeringOnlyRequestAsync(ReportDataset data)
    {
        var requester = await App.CreateUserAsync(data.Tenant, "engineer.two@acme.test");
        return await App.InTenantAsync(data.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == requester.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, data.Engineering));
            var request = new IntroductionRequest
            {
                RequesterId = requester.Id, ConnectorId = data.Engineer.Id, Purpose = IntroductionPurpose.Advisor, Reason = EngineeringSecret,
                TargetSummary = EngineeringSecret, CreatedAt = _clock.GetUtcNow(), UpdatedAt = _clock.GetUtcNow(),
            };
            db.IntroductionRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
    }
}

using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Audit;

public sealed class AuditLogTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private Task AddEntryAsync(ITenantInfo tenant, Guid? actor, string action, string subject, DateTimeOffset at) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AuditEntries.Add(new AuditEntry { At = at, ActorUserId = actor, Action = action, Subject = subject });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task The_app_role_may_insert_and_read_audit_entries_but_never_change_or_delete_them()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        await AddEntryAsync(tenant, admin.Id, AuditActions.SignedIn, admin.Email!, DateTimeOffset.UtcNow.AddDays(-500));

        await using var app = new NpgsqlConnection(App.Connections.App);
        await app.OpenAsync();
        // As the app does it: the tenant set for one transaction only; a savepoint before each refused statement.
        await using var transaction = await app.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Id}', true)", app))
        {
            await set.ExecuteNonQueryAsync();
        }

        async Task<int> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, app);
            return await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await RunAsync($"INSERT INTO audit_entries (tenant_id, id, at, action, subject) VALUES ('{tenant.Id}', gen_random_uuid(), now(), 'x', 'y')"));
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries", app))
        {
            Assert.True((long)(await count.ExecuteScalarAsync())! >= 2);
        }

        foreach (var sql in new[] { "UPDATE audit_entries SET subject = 'forged'", "DELETE FROM audit_entries", "TRUNCATE audit_entries" })
        {
            await transaction.SaveAsync("refused");
            var denied = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
            await transaction.RollbackAsync("refused");
        }

        // The retention function is all the app role can delete through, and it keeps a year whatever it is asked.
        await using (var retention = new NpgsqlCommand("SELECT delete_expired_audit_entries(now() + interval '1 day')", app))
        {
            Assert.Equal(1, (int)(await retention.ExecuteScalarAsync())!);
        }

        await using (var left = new NpgsqlCommand("SELECT count(*) FROM audit_entries WHERE subject = 'y'", app))
        {
            Assert.Equal(1L, (long)(await left.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task Admins_filter_by_actor_action_and_dates_and_export_csv_without_formulas_and_without_other_companies()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync("alpha", culture: "ja");
        var (tenantB, adminB) = await App.CreateTenantAsync("bravo");
        var colleague = await App.CreateUserAsync(tenantA, "colleague@alpha.test");
        await AddEntryAsync(tenantA, colleague.Id, AuditActions.SignInFailed, "=HYPERLINK(\"http://evil.example\")", new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await AddEntryAsync(tenantA, colleague.Id, AuditActions.SignedIn, "山田太郎", new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
        await AddEntryAsync(tenantA, adminA.Id, AuditActions.SignedIn, "@admin", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        await AddEntryAsync(tenantB, adminB.Id, AuditActions.SignedIn, "bravo-secret", new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero));

        var clientA = await App.SignInAsync("alpha", adminA.Email!);
        var byActor = await clientA.GetStringAsync("/alpha/admin/audit?actor=COLLEAGUE@alpha");
        Assert.Contains("山田太郎", byActor, StringComparison.Ordinal);
        Assert.DoesNotContain("@admin", byActor, StringComparison.Ordinal);
        var byAction = await clientA.GetStringAsync($"/alpha/admin/audit?action={AuditActions.SignInFailed}");
        Assert.Contains("HYPERLINK", byAction, StringComparison.Ordinal);
        Assert.DoesNotContain("山田太郎", byAction, StringComparison.Ordinal);
        var byDates = await clientA.GetStringAsync("/alpha/admin/audit?from=2026-03-11&to=2026-03-31");
        Assert.Contains("山田太郎", byDates, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", byDates, StringComparison.Ordinal);
        Assert.DoesNotContain("@admin", byDates, StringComparison.Ordinal);
        Assert.DoesNotContain("bravo-secret", await clientA.GetStringAsync("/alpha/admin/audit"), StringComparison.Ordinal);

        var csv = await clientA.GetAsync("/alpha/admin/audit?from=2026-03-01&to=2026-04-30&handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.True(csv.Headers.CacheControl!.NoStore);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("日時（UTC）", lines[0], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("山田太郎", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'@admin", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain("bravo-secret", text, StringComparison.Ordinal);

        var clientB = await App.SignInAsync("bravo", adminB.Email!);
        var csvB = await clientB.GetStringAsync("/bravo/admin/audit?handler=Csv");
        Assert.Contains("bravo-secret", csvB, StringComparison.Ordinal);
        Assert.DoesNotContain("山田太郎", csvB, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", csvB, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync("/alpha/admin/audit?handler=Csv")).StatusCode);

        var employee = await App.SignInAsync("alpha", colleague.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/alpha/admin/audit?handler=Csv")).StatusCode);
    }
}

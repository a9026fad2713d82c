using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Exports;

namespace NetworkSaaS.Tests.Exports;

/// <summary>
/// A writer for the tests, registered after the product's for "my contacts" (the last one wins): it can cancel its
/// own export half-way (as the user's POST would) or fail, and otherwise writes a small file.
/// </summary>
public sealed class ScriptedExportWriter(IServiceScopeFactory scopes, TimeProvider clock, ExportScript script) : IExportWriter
{
    public bool Writes(ExportKind kind) => kind == ExportKind.MyContacts && script.Mode != "product";

    public async Task<ExportOutput> WriteAsync(ExportRequest request, ITenantInfo tenant, Stream output, ExportProgress progress, CancellationToken cancellationToken)
    {
        await progress.SetTotalAsync(2, cancellationToken);
        await output.WriteAsync("half"u8.ToArray(), cancellationToken);
        if (script.Mode == "cancel")
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
            Assert.True(await scope.ServiceProvider.GetRequiredService<ExportRequests>().CancelAsync(request.OwnerId, request.Id, cancellationToken));
        }

        if (script.Mode == "fail")
        {
            throw new IOException("disk full (simulated)");
        }

        await progress.ReportNowAsync(1, cancellationToken);
        await output.WriteAsync(" and done"u8.ToArray(), cancellationToken);
        return new ExportOutput($"scripted-{clock.GetUtcNow():HHmmss}.txt", 2, null);
    }
}

/// <summary>What <see cref="ScriptedExportWriter"/> does: "write", "cancel", "fail", or "product" (leave my contacts to the product's writer).</summary>
public sealed class ExportScript
{
    public string Mode { get; set; } = "write";
}

/// <summary>The export job: idempotent (retries and duplicates make one file), cancellable, retried then failed, expired and cleaned up.</summary>
public sealed class ExportJobTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    private readonly ExportScript _script = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(_script);
        services.AddScoped<IExportWriter, ScriptedExportWriter>();
    }

    private async Task<(Tenant Tenant, AppUser Owner)> SeedAsync()
    {
        var (tenant, admin) = await App.CreateTenantAsync("orbit");
        await App.CreateContactAsync(tenant, admin.Id, "Nakamura", "Yui", "Hikari Logistics", ContactVisibility.Shared);
        return (tenant, admin);
    }

    private Task<int> NotificationsAsync(ITenantInfo tenant, string kind) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Notifications.CountAsync(n => n.Kind == kind));

    private static string[] TempFilesOf(Guid exportId) =>
        Directory.Exists(ExportTempFiles.Directory) ? Directory.GetFiles(ExportTempFiles.Directory, $"{exportId:N}-*") : [];

    [Fact]
    public async Task Two_runs_at_once_and_a_later_retry_make_one_file_and_one_notification()
    {
        _script.Mode = "product";
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.QueueAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Csv);

        await Task.WhenAll(ExportRuns.RunJobAsync(App, tenant, id), ExportRuns.RunJobAsync(App, tenant, id));
        var first = await ExportRuns.FileAsync(App, tenant, id);
        await ExportRuns.RunJobAsync(App, tenant, id);

        var export = await ExportRuns.LoadAsync(App, tenant, id);
        Assert.Equal((ExportStatus.Completed, 1), (export.Status, export.TotalRows));
        Assert.Equal(1, await ExportRuns.FileCountAsync(App, tenant));
        Assert.Equal(first, await ExportRuns.FileAsync(App, tenant, id));
        Assert.Equal(first!.Length, export.FileSize);
        Assert.Equal(1, await NotificationsAsync(tenant, NotificationKinds.ExportReady));
        Assert.Empty(TempFilesOf(id));
    }

    [Fact]
    public async Task A_job_run_in_the_scope_that_queued_the_export_still_sees_it_running_and_commits()
    {
        _script.Mode = "product";
        var (tenant, owner) = await SeedAsync();

        var status = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var request = new ExportRequest { OwnerId = owner.Id, Kind = ExportKind.MyContacts, Format = ExportFormat.Xlsx, Status = ExportStatus.Queued, CreatedAt = _clock.GetUtcNow() };
            db.ExportRequests.Add(request); // still tracked as queued while the job claims it behind the change tracker's back
            await db.SaveChangesAsync();
            await sp.GetRequiredService<ExportJob>().RunAsync(tenant.Id, request.Id, CancellationToken.None);
            return await db.ExportRequests.AsNoTracking().Where(e => e.Id == request.Id).Select(e => e.Status).SingleAsync();
        });

        Assert.Equal(ExportStatus.Completed, status);
        Assert.Equal(1, await ExportRuns.FileCountAsync(App, tenant));
    }

    [Fact]
    public async Task An_export_cancelled_while_its_job_writes_stops_without_a_file_or_a_notification()
    {
        _script.Mode = "cancel";
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.QueueAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Csv);

        await ExportRuns.RunJobAsync(App, tenant, id);

        var export = await ExportRuns.LoadAsync(App, tenant, id);
        Assert.Equal(ExportStatus.Cancelled, export.Status);
        Assert.Null(await ExportRuns.FileAsync(App, tenant, id));
        Assert.Equal(0, await NotificationsAsync(tenant, NotificationKinds.ExportReady));
        Assert.Empty(TempFilesOf(id));

        // A retry of the cancelled export's job does nothing either.
        _script.Mode = "write";
        await ExportRuns.RunJobAsync(App, tenant, id);
        Assert.Equal(ExportStatus.Cancelled, (await ExportRuns.LoadAsync(App, tenant, id)).Status);
        Assert.Equal(0, await ExportRuns.FileCountAsync(App, tenant));
    }

    [Fact]
    public async Task A_queued_export_cancelled_before_its_job_runs_is_never_written_and_cannot_be_cancelled_twice()
    {
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.QueueAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Xlsx);

        var cancel = () => App.InTenantAsync(tenant, sp => sp.GetRequiredService<ExportRequests>().CancelAsync(owner.Id, id, CancellationToken.None));
        Assert.True(await cancel());
        Assert.False(await cancel());
        Assert.Null(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<ExportRequests>().CancelAsync(Guid.NewGuid(), id, CancellationToken.None)));
        await ExportRuns.RunJobAsync(App, tenant, id);

        var export = await ExportRuns.LoadAsync(App, tenant, id);
        Assert.Equal((ExportStatus.Cancelled, 0), (export.Status, export.Attempts));
        Assert.Equal(0, await ExportRuns.FileCountAsync(App, tenant));
    }

    [Fact]
    public async Task A_failing_export_goes_back_to_the_queue_for_hangfires_retry_and_fails_for_good_after_the_last_attempt()
    {
        _script.Mode = "fail";
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.QueueAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Csv);

        for (var attempt = 1; attempt < ExportJob.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAsync<IOException>(() => ExportRuns.RunJobAsync(App, tenant, id));
            var retrying = await ExportRuns.LoadAsync(App, tenant, id);
            Assert.Equal((ExportStatus.Queued, attempt, "IOException"), (retrying.Status, retrying.Attempts, retrying.Failure));
            Assert.Equal(0, await NotificationsAsync(tenant, NotificationKinds.ExportFailed));
        }

        await ExportRuns.RunJobAsync(App, tenant, id); // the last attempt ends the job without another retry

        var failed = await ExportRuns.LoadAsync(App, tenant, id);
        Assert.Equal((ExportStatus.Failed, ExportJob.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.Equal(1, await NotificationsAsync(tenant, NotificationKinds.ExportFailed));
        Assert.Equal(0, await ExportRuns.FileCountAsync(App, tenant));
        Assert.Empty(TempFilesOf(id));
    }

    [Fact]
    public async Task Files_are_deleted_when_the_download_period_ends_and_the_history_after_ninety_days()
    {
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.CompletedAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Csv);
        var cleanup = () => App.InTenantAsync(tenant, sp => sp.GetRequiredService<ExportCleanupJob>().RunAsync(tenant.Id, CancellationToken.None));

        _clock.UtcNow += ExportStore.DownloadPeriod - TimeSpan.FromMinutes(1);
        Assert.Equal(0, await cleanup());
        Assert.NotNull(await ExportRuns.FileAsync(App, tenant, id));

        _clock.UtcNow += TimeSpan.FromMinutes(2);
        Assert.Equal(1, await cleanup());
        Assert.Null(await ExportRuns.FileAsync(App, tenant, id));
        Assert.Equal(ExportStatus.Expired, (await ExportRuns.LoadAsync(App, tenant, id)).Status);
        Assert.Equal(0, await cleanup());

        _clock.UtcNow = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero) + ExportStore.HistoryKeptFor + TimeSpan.FromMinutes(1);
        await cleanup();
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.CountAsync()));
    }

    [Fact]
    public async Task Progress_on_a_cancelled_export_stops_the_run_and_a_commit_after_cancelling_is_refused()
    {
        var (tenant, owner) = await SeedAsync();
        var id = await ExportRuns.QueueAsync(App, tenant, owner.Id, ExportKind.MyContacts, ExportFormat.Csv, r => r.Status = ExportStatus.Running);
        var temp = ExportTempFiles.NewPath(id);
        await File.WriteAllTextAsync(temp, "made");
        try
        {
            await App.InTenantAsync(tenant, async sp =>
            {
                await using var progress = new ExportProgress(sp.GetRequiredService<IServiceScopeFactory>(), tenant, id);
                await progress.ReportNowAsync(1, CancellationToken.None);
                Assert.True(await sp.GetRequiredService<ExportRequests>().CancelAsync(owner.Id, id, CancellationToken.None));
                await Assert.ThrowsAsync<ExportStoppedException>(() => progress.ReportNowAsync(2, CancellationToken.None));
                Assert.False(await sp.GetRequiredService<ExportStore>().CommitAsync(id, temp, new ExportOutput("x.csv", 2, null), CancellationToken.None));
                return true;
            });
        }
        finally
        {
            ExportTempFiles.Delete(temp);
        }

        Assert.Equal(0, await ExportRuns.FileCountAsync(App, tenant));
        Assert.Equal(ExportStatus.Cancelled, (await ExportRuns.LoadAsync(App, tenant, id)).Status);
    }

    [Fact]
    public void Temp_files_left_by_a_killed_run_are_swept_after_a_day()
    {
        var stale = ExportTempFiles.NewPath(Guid.CreateVersion7());
        var fresh = ExportTempFiles.NewPath(Guid.CreateVersion7());
        File.WriteAllText(stale, "old");
        File.WriteAllText(fresh, "new");
        var now = DateTimeOffset.UtcNow;
        File.SetLastWriteTimeUtc(stale, (now - ExportTempFiles.StaleAfter - TimeSpan.FromMinutes(1)).UtcDateTime);
        try
        {
            ExportTempFiles.DeleteStale(now);
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(fresh));
        }
        finally
        {
            ExportTempFiles.Delete(fresh);
        }
    }
}

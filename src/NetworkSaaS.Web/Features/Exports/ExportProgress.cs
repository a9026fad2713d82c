using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>The user cancelled the export (or another run finished it) while this run was writing.</summary>
public sealed class ExportStoppedException : Exception
{
    public ExportStoppedException()
        : base("The export is no longer running.")
    {
    }

    public ExportStoppedException(string message)
        : base(message)
    {
    }

    public ExportStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Writes a running export's progress on its own connection (the export's query holds the other one while it
/// streams) and notices a cancellation: an update that finds the export no longer running stops the run.
/// </summary>
public sealed class ExportProgress : IAsyncDisposable
{
    /// <summary>Progress is written at most this often, and every <see cref="RowStep"/> rows at the most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public const int RowStep = 1_000;

    private readonly AsyncServiceScope _scope;
    private readonly AppDbContext _db;
    private readonly Guid _exportId;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private int _lastRows;

    public ExportProgress(IServiceScopeFactory scopeFactory, ITenantInfo tenant, Guid exportId)
    {
        ArgumentNullException.ThrowIfNull(scopeFactory);
        ArgumentNullException.ThrowIfNull(tenant);
        _scope = scopeFactory.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        _db = _scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _exportId = exportId;
    }

    public Task SetTotalAsync(int total, CancellationToken cancellationToken) =>
        UpdateAsync(s => s.SetProperty(e => e.TotalRows, total).SetProperty(e => e.ProcessedRows, 0), cancellationToken);

    /// <summary>Records <paramref name="rows"/> done when it is time to; throws <see cref="ExportStoppedException"/> once the export was cancelled.</summary>
    public Task ReportAsync(int rows, CancellationToken cancellationToken)
    {
        if (rows - _lastRows < RowStep || _sinceLast.Elapsed < Interval)
        {
            return Task.CompletedTask;
        }

        _lastRows = rows;
        _sinceLast.Restart();
        return UpdateAsync(s => s.SetProperty(e => e.ProcessedRows, rows), cancellationToken);
    }

    /// <summary>Records <paramref name="rows"/> done now (a step of a small export).</summary>
    public Task ReportNowAsync(int rows, CancellationToken cancellationToken)
    {
        _lastRows = rows;
        _sinceLast.Restart();
        return UpdateAsync(s => s.SetProperty(e => e.ProcessedRows, rows), cancellationToken);
    }

    private async Task UpdateAsync(
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportRequest>> set, CancellationToken cancellationToken)
    {
        var updated = await _db.ExportRequests.Where(e => e.Id == _exportId && e.Status == ExportStatus.Running)
            .ExecuteUpdateAsync(set, cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new ExportStoppedException();
        }
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}

using System.Buffers;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Notifications;
using Npgsql;
using NpgsqlTypes;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>What a run of an export produced, for the commit.</summary>
public sealed record ExportOutput(string FileName, int Rows, AuditEntry? Audit);

/// <summary>Writes the file of some kinds of export into a stream, reporting progress (which stops it when cancelled).</summary>
public interface IExportWriter
{
    bool Writes(ExportKind kind);

    Task<ExportOutput> WriteAsync(ExportRequest request, ITenantInfo tenant, Stream output, ExportProgress progress, CancellationToken cancellationToken);
}

/// <summary>
/// The made files, kept in the database (any web instance serves what any worker made, and row-level security covers
/// the files like every other tenant row). A file is stored in parts of <see cref="PartBytes"/> (rows keyed by the export
/// and the part's number) and goes in and out as a stream, never whole in memory.
/// </summary>
public sealed class ExportStore(AppDbContext db, NotificationCenter notifications, TimeProvider clock, Webhooks.WebhookEvents webhooks)
{
    /// <summary>How long a made file can be downloaded; the cleanup job deletes it afterwards.</summary>
    public static readonly TimeSpan DownloadPeriod = TimeSpan.FromDays(7);

    /// <summary>The size of each stored part of a file (the last one may be smaller).</summary>
    public const int PartBytes = 1024 * 1024;

    /// <summary>How long the history lists an export (the file is long gone by then).</summary>
    public static readonly TimeSpan HistoryKeptFor = TimeSpan.FromDays(90);

    /// <summary>
    /// Makes <paramref name="tempPath"/> the export's file, in one transaction with the export's completion, its
    /// notification and audit entry, under a lock on the export's row: only a run that finds the export still running
    /// commits, so a cancelled export gets no file and a second run (a retry, a duplicate) none besides the first's.
    /// </summary>
    /// <returns>Whether this run's file was committed.</returns>
    public async Task<bool> CommitAsync(Guid exportId, string tempPath, ExportOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var tenantId = db.CurrentTenantId;
        // Read under the lock, never from the change tracker: an entity the caller still tracks may be stale.
        var locked = await db.ExportRequests
            .FromSql($"SELECT * FROM export_requests WHERE tenant_id = {tenantId} AND id = {exportId} FOR UPDATE")
            .AsNoTracking()
            .Select(e => new { e.Status, e.OwnerId })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (locked is not { Status: ExportStatus.Running })
        {
            return false;
        }

        var size = await WritePartsAsync(tenantId, exportId, tempPath, transaction, cancellationToken).ConfigureAwait(false);

        var now = clock.GetUtcNow();
        var expiresAt = now + DownloadPeriod;
        await db.ExportRequests.Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, ExportStatus.Completed)
            .SetProperty(e => e.FileName, output.FileName)
            .SetProperty(e => e.FileSize, size)
            .SetProperty(e => e.TotalRows, output.Rows)
            .SetProperty(e => e.ProcessedRows, output.Rows)
            .SetProperty(e => e.Failure, (string?)null)
            .SetProperty(e => e.CompletedAt, now)
            .SetProperty(e => e.ExpiresAt, expiresAt), cancellationToken).ConfigureAwait(false);
        notifications.Notify(locked.OwnerId, NotificationKinds.ExportReady);
        await webhooks.RaiseAsync(Core.Features.Webhooks.WebhookEventTypes.ExportReady, Webhooks.WebhookPayloads.ExportReady(exportId, locked.OwnerId), cancellationToken).ConfigureAwait(false);
        if (output.Audit is { } audit)
        {
            db.AuditEntries.Add(audit);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The file of a completed export, as a stream read from the database part by part; null when there is none (any more).</summary>
    public async Task<ExportFileContent?> OpenAsync(Guid exportId, CancellationToken cancellationToken)
    {
        // A raw Npgsql command does not pass EF's command interceptor: the transaction's start sets the tenant for it.
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var command = new NpgsqlCommand(
            "SELECT content FROM export_files WHERE tenant_id = $1 AND export_id = $2 ORDER BY part",
            (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            Parameters = { new NpgsqlParameter { Value = db.CurrentTenantId }, new NpgsqlParameter { Value = exportId } },
        };
        NpgsqlDataReader? reader = null;
        try
        {
            // Sequential access: each part is read from the connection as it is copied out, never a whole part in memory.
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new ExportFileContent(new ExportPartsStream(reader), reader, command, transaction);
            }
        }
        catch
        {
            await Release(reader, command, transaction).ConfigureAwait(false);
            throw;
        }

        await Release(reader, command, transaction).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Deletes the files whose download period ended (the export stays in the history as expired) and the history
    /// older than <see cref="HistoryKeptFor"/>, in one transaction.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var historyCutoff = now - HistoryKeptFor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var expired = db.ExportRequests.Where(e => e.Status == ExportStatus.Completed && e.ExpiresAt <= now);
        var files = await db.ExportFiles.Where(f => expired.Any(e => e.Id == f.ExportId))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await expired.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Expired), cancellationToken).ConfigureAwait(false);
        await db.ExportRequests
            .Where(e => e.CreatedAt < historyCutoff && e.Status != ExportStatus.Queued && e.Status != ExportStatus.Running)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return files;
    }

    /// <summary>
    /// Copies the temp file into the export's parts of <see cref="PartBytes"/> each, through one reused buffer: the memory
    /// a commit takes is one part, whatever the size of the file. (A whole file as one bytea parameter would be copied
    /// into memory first — Npgsql buffers a Stream parameter to learn its length — and PostgreSQL builds a value in
    /// memory too, up to its 1 GB limit.) Always at least one part, so an empty file exists as well.
    /// </summary>
    /// <returns>The file's size in bytes.</returns>
    private async Task<long> WritePartsAsync(Guid tenantId, Guid exportId, string tempPath, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PartBytes);
        try
        {
            await using var file = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var content = new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea };
            var part = new NpgsqlParameter<int>();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO export_files (tenant_id, export_id, part, content) VALUES ($1, $2, $3, $4)",
                (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
            {
                Parameters = { new NpgsqlParameter<Guid> { TypedValue = tenantId }, new NpgsqlParameter<Guid> { TypedValue = exportId }, part, content },
            };
            long size = 0;
            for (var index = 0; ; index++)
            {
                var filled = await FillAsync(file, buffer.AsMemory(0, PartBytes), cancellationToken).ConfigureAwait(false);
                if (filled == 0 && index > 0)
                {
                    return size;
                }

                part.TypedValue = index;
                content.TypedValue = buffer.AsMemory(0, filled);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                size += filled;
                if (filled < PartBytes)
                {
                    return size;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends.</summary>
    private static async Task<int> FillAsync(FileStream file, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await file.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Ends the read: the transaction (read only) is rolled back, which closes the connection it opened.</summary>
    internal static async ValueTask Release(NpgsqlDataReader? reader, NpgsqlCommand command, IDbContextTransaction transaction)
    {
        if (reader is not null)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        await command.DisposeAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>An open export file; disposing it releases the database connection.</summary>
public sealed class ExportFileContent(Stream stream, NpgsqlDataReader reader, NpgsqlCommand command, IDbContextTransaction transaction) : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        await ExportStore.Release(reader, command, transaction).ConfigureAwait(false);
    }
}

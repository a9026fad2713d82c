using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

public enum ImportStatus
{
    Previewed = 0,
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
}

/// <summary>
/// An uploaded contacts file: kept (in the database, so any worker can run it) from preview until imported.
/// Counters make progress visible and the import resumable; the file is dropped when done.
/// </summary>
public sealed class ImportBatch : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    public required string FileName { get; set; }
    public required string Format { get; set; }
    public required string EncodingName { get; set; }
    public byte[]? Content { get; set; }
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Rejected { get; set; }

    /// <summary>JSON list of {line, reason, detail} for rejected records.</summary>
    public string RejectedJson { get; set; } = "[]";

    public string? Failure { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the owner undid the whole import (see <see cref="ImportBatchContact"/>).</summary>
    public DateTimeOffset? UndoneAt { get; set; }
}

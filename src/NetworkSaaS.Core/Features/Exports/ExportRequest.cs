using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Exports;

/// <summary>What is exported. Stored as a number: never renumber.</summary>
public enum ExportKind
{
    /// <summary>HR/Admin: the per-employee network contribution of an evaluation period (xlsx workbook).</summary>
    HrReview = 1,

    /// <summary>HR/Admin: every contact whose owner made it Shared, with the colleague who knows them.</summary>
    CompanyContacts = 2,

    /// <summary>Anyone: all of their own contacts.</summary>
    MyContacts = 3,
}

public enum ExportFormat
{
    Xlsx = 1,
    Csv = 2,
}

/// <summary>Where an export stands. Stored as a number: never renumber.</summary>
public enum ExportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,

    /// <summary>Completed, and its file was deleted when the download period ended.</summary>
    Expired = 5,
}

/// <summary>
/// One export a user asked for: its parameters (ids and choices, never personal data), progress, and the file's
/// metadata once made. The file itself is an <see cref="ExportFile"/>, keyed by this request's id, so however often
/// the job runs there is at most one.
/// </summary>
public sealed class ExportRequest : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Who asked for it: the only one who sees and downloads it.</summary>
    public Guid OwnerId { get; set; }

    public ExportKind Kind { get; set; }
    public ExportFormat Format { get; set; }
    public ExportStatus Status { get; set; }

    /// <summary>The language of headings and labels ("ja" or "en"), the requester's when they asked.</summary>
    public string Culture { get; set; } = "ja";

    /// <summary>HR review: the evaluation period, days in the company's time zone, both included.</summary>
    public DateOnly? PeriodFrom { get; set; }

    public DateOnly? PeriodTo { get; set; }

    /// <summary>HR review: one department, or null for the whole company.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>HR review: the keys of the columns and sheets HR chose.</summary>
    public List<string> Columns { get; set; } = [];

    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }

    /// <summary>How many runs of the job claimed it; after the last allowed one a failure is final.</summary>
    public int Attempts { get; set; }

    public string? FileName { get; set; }
    public long? FileSize { get; set; }
    public string? Failure { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The end of the download period; the cleanup job deletes the file then.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsActive => Status is ExportStatus.Queued or ExportStatus.Running;
}

/// <summary>
/// One part of the made file of an export: the file is its parts' contents in the order of <see cref="Part"/> (0, 1, …),
/// written and read as a stream, never loaded whole.
/// </summary>
public sealed class ExportFile : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ExportId { get; set; }
    public int Part { get; set; }
    public byte[] Content { get; set; } = [];
}

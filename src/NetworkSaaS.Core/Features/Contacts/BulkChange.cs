using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

/// <summary>
/// One bulk change of an owner's contacts, kept so the owner can undo it: <see cref="Before"/> (JSON) holds what it
/// changed — the previous triage fields of each contact, or the deleted contacts with their interactions. Only an
/// owner's latest change is kept, and only for a day: it may hold deleted third parties' data.
/// </summary>
public sealed class BulkChange : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    public required string Kind { get; set; }
    public int Count { get; set; }
    public required string Before { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
}

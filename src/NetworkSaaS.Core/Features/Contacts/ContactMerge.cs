using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

/// <summary>
/// A merge of two of one owner's contacts, kept so it can be undone: the survivor's previous state, the absorbed
/// contact as it was, and the interactions that moved.
/// </summary>
public sealed class ContactMerge : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    public Guid SurvivorId { get; set; }
    public Guid AbsorbedId { get; set; }
    public required string SurvivorBefore { get; set; }
    public required string Absorbed { get; set; }
    public List<Guid> MovedInteractionIds { get; set; } = [];
    public DateTimeOffset MergedAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
}

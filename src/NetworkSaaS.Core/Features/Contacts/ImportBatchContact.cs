using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

public enum ImportContactAction
{
    Created = 1,
    Updated = 2,
}

/// <summary>
/// What one import did to one contact, so the whole import can be undone: a created contact is removed, an updated one
/// gets back the fields the import filled (<see cref="Before"/>, JSON, as they were before the import's first touch).
/// </summary>
public sealed class ImportBatchContact : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid BatchId { get; set; }
    public Guid ContactId { get; set; }
    public ImportContactAction Action { get; set; }
    public string? Before { get; set; }
}

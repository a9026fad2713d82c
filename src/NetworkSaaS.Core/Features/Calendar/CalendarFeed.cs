using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Calendar;

/// <summary>
/// A user's private iCalendar feed: at most one per user. Only the SHA-256 of the token in its URL is stored; the token
/// begins with the row's id, so reading a feed is one primary-key read inside the tenant of the path. Regenerating
/// replaces the row (the old URL stops working); revoking deletes it.
/// </summary>
public sealed class CalendarFeed : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>Hex SHA-256 of the whole token string.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

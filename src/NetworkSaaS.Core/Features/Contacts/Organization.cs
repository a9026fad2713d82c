using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

/// <summary>An external company. Contacts of every employee roll up to it by its normalized name.</summary>
public sealed class Organization : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The name without legal form, width and case differences: ㈱さくら, さくら株式会社 and (株)さくら share one.</summary>
    public required string NormalizedName { get; set; }

    public string? Domain { get; set; }
    public string? Industry { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

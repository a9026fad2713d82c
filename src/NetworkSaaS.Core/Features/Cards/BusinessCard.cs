using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Cards;

/// <summary>
/// A user's public digital business card (/{tenant}/card/{handle}-{token}): off until the user turns it on, showing only
/// the details they choose. The token makes the address unguessable and changes when the user regenerates the link.
/// </summary>
public sealed class BusinessCard : ITenantOwned
{
    public const int HandleMinLength = 3;
    public const int HandleMaxLength = 40;
    public const int TokenLength = 10;
    public const int PhoneMaxLength = 40;
    public const int MessageMaxLength = 300;
    public const int MaxLinks = 3;
    public const int LinkMaxLength = 200;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>Lowercase letters, digits and single hyphens; unique in the company.</summary>
    public required string Handle { get; set; }

    /// <summary>Random lowercase base32; the card answers only when the address carries it.</summary>
    public required string Token { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Whether visitors may leave their details, which become the user's contact.</summary>
    public bool FormEnabled { get; set; }

    public CardDetails Shown { get; set; }

    /// <summary>A phone number for the card only (the account has none the user maintains).</summary>
    public string? Phone { get; set; }

    public string? Message { get; set; }
    public List<string> Links { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The optional details a card shows; the display name is always shown. Stored as a number: never renumber.</summary>
[Flags]
public enum CardDetails
{
    None = 0,
    Kana = 1,
    Title = 2,
    Department = 4,
    Company = 8,
    Email = 16,
    Phone = 32,
    Message = 64,
    Links = 128,
}

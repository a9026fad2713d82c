using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>Size and shape of the synthetic network. Same options, same data (ids included).</summary>
public sealed record SyntheticNetworkOptions
{
    public const string DefaultSlug = "bench";

    public string Slug { get; init; } = DefaultSlug;
    public string CompanyName { get; init; } = "ベンチマーク商事株式会社";
    public string Culture { get; init; } = "ja";
    public string TimeZoneId { get; init; } = "Asia/Tokyo";

    public int Users { get; init; } = 1_000;
    public int Contacts { get; init; } = 1_000_000;
    public int Organizations { get; init; } = 20_000;
    public int Seed { get; init; } = 20261127;

    /// <summary>The day the data is "as of": met, contacted and next-touch dates are spread around it.</summary>
    public DateOnly Today { get; init; } = new(2026, 11, 27);

    /// <summary>When set, every contact has this visibility (the export benchmark shares them all); otherwise a realistic mix.</summary>
    public ContactVisibility? Visibility { get; init; }
}

/// <summary>An employee of the synthetic company; index 0 is the first Admin.</summary>
public sealed record SyntheticUser(string Email, string DisplayName, string? DisplayNameKana, string Department, string Title, IReadOnlyList<string> Expertise);

/// <summary>An external company as first written; its normalized name is derived by whoever stores it.</summary>
public sealed record SyntheticOrganization(string Name, string Domain, string Industry, bool Japanese);

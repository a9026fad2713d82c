namespace NetworkSaaS.Core.Features.RateLimiting;

/// <summary>
/// One fixed window of one rate limit partition, shared by every web process: how many requests it has counted.
/// Not tenant data (no tenant_id): the key is the policy, the kind of partition and a SHA-256 hash of its value (an IP
/// address, an email typed, a company), never the value itself. Rows live until <see cref="ExpiresAt"/>, the end of their
/// window; the hourly sweep deletes them after that.
/// </summary>
public sealed class RateLimitCounter
{
    /// <summary>"policy|kind|hash", e.g. "sign-in|account|9F86D0…".</summary>
    public required string Key { get; set; }

    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>Outgoing HTTP deliveries (section "Deliveries"). The defaults are the production values.</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// Lets deliveries go over plain http and to loopback, private and link-local addresses. Only for Development and
    /// the tests, whose receivers listen on this machine; the app refuses to start with it in Production.
    /// </summary>
    public bool AllowUnsafeTargets { get; set; }

    /// <summary>How long connecting (DNS included) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the whole request may take, response headers included; a receiver should answer at once and work later.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before each retry after a failed attempt; as many retries as delays (empty: the defaults).</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>
    /// The Standard Webhooks schedule, shortened: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. Seven attempts over about 17.5
    /// hours ride out a receiver's deployment or an evening's outage; after that the delivery is Failed and an admin can
    /// resend it from the delivery log.
    /// </summary>
    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>How many attempts a delivery gets in all.</summary>
    public int MaxAttempts => EffectiveRetryDelays.Count + 1;
}

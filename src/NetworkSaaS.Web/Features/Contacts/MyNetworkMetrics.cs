using System.Diagnostics.Metrics;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Counters of the in-memory copies of "My network" (meter <see cref="MeterName"/>, read with dotnet-counters or an
/// OpenTelemetry exporter): how often an owner's copy is loaded from the database, and why ("absent": not in memory,
/// "changed": their contacts were written to), and how often a copy is dropped or refused because the copies reached
/// Contacts:MyNetwork:CachedContacts. Many "absent" loads together with evictions mean the limit is too low for the
/// employees signed in at once.
/// </summary>
public static class MyNetworkMetrics
{
    public const string MeterName = "NetworkSaaS.MyNetwork";
    public const string LoadsName = "networksaas.mynetwork.copy.loads";
    public const string EvictionsName = "networksaas.mynetwork.copy.evictions";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Loads = Meter.CreateCounter<long>(LoadsName, "{copy}", "Copies of owners' networks loaded from the database.");
    private static readonly Counter<long> Evictions = Meter.CreateCounter<long>(EvictionsName, "{copy}", "Copies dropped or not kept because the limit was reached.");

    internal static void Loaded(bool changed) => Loads.Add(1, new KeyValuePair<string, object?>("cause", changed ? "changed" : "absent"));

    internal static void Evicted() => Evictions.Add(1);
}

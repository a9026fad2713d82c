using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetworkSaaS.Tests.Infrastructure;
using HangfireLog = Hangfire.Logging;

namespace NetworkSaaS.Tests.Platform;

/// <summary>
/// Hangfire's log provider is one per process: several apps in one process (the tests' apps) must not leave it on a
/// disposed app's logging. In the serialized collection because it asserts where the one process-wide provider writes.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class HangfireLogRoutingTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly CapturingLoggerProvider _captured = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(_captured);

    [Fact]
    public async Task After_another_app_in_the_process_is_disposed_Hangfire_still_logs_and_enqueues_through_the_living_app()
    {
        _ = App.Services.GetRequiredService<IBackgroundJobClient>();
        await using (var other = new TestApp(await Cluster.CreateDatabaseAsync()))
        {
            // The other app configures Hangfire after this one, as a test started in parallel does.
            _ = other.Services.GetRequiredService<IBackgroundJobClient>();
        }

        // A Hangfire component made now takes its logger from the process-wide provider: never the disposed app's.
        HangfireLog.LogProvider.GetLogger("NetworkSaaS.Tests.Routing").Log(HangfireLog.LogLevel.Warn, () => "routed to the living app");
        Assert.Contains(_captured.Messages, m => m == "NetworkSaaS.Tests.Routing: routed to the living app");

        var storage = App.Services.GetRequiredService<JobStorage>();
        var id = new BackgroundJobClient(storage).Enqueue(() => Console.WriteLine("queued"));
        Assert.Equal("Enqueued", storage.GetConnection().GetStateData(id).Name);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}

using Hangfire;
using HangfireLog = Hangfire.Logging;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider (its static LogProvider), and Hangfire's own AddHangfire points it
/// at the logger factory of whichever host configured it last. With several hosts in one process (every test's app)
/// that factory may already be disposed when another host's Hangfire creates a logger — enqueuing a job then fails
/// with an ObjectDisposedException (a 500), a worker dies on start. Here the provider is one router for the process:
/// each host adds its logger factory while it lives, and every message goes to the newest factory still alive at the
/// time it is written. With one host per process (production) that is simply the host's own logging.
/// </summary>
public sealed class HangfireLogRouting : IDisposable
{
    private static readonly Router Shared = new();
    private readonly ILoggerFactory _factory;

    private HangfireLogRouting(ILoggerFactory factory)
    {
        _factory = factory;
    }

    /// <summary>The Hangfire configuration step: routes Hangfire's logs to this host's logging while the host lives.</summary>
    public static void UseHostLogging(IServiceProvider services, IGlobalConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // Resolving the singleton registers this host's factory; the container disposes it (and so unregisters) before the factory.
        services.GetRequiredService<HangfireLogRouting>();
        configuration.UseLogProvider(Shared);
    }

    public static void Register(IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var routing = new HangfireLogRouting(sp.GetRequiredService<ILoggerFactory>());
            Shared.Add(routing._factory);
            return routing;
        });

    public void Dispose() => Shared.Remove(_factory);

    private sealed class Router : HangfireLog.ILogProvider
    {
        private readonly Lock _lock = new();
        private readonly List<ILoggerFactory> _live = [];

        public void Add(ILoggerFactory factory)
        {
            lock (_lock)
            {
                _live.Add(factory);
            }
        }

        public void Remove(ILoggerFactory factory)
        {
            lock (_lock)
            {
                _live.Remove(factory);
            }
        }

        public HangfireLog.ILog GetLogger(string name) => new RoutedLog(this, name);

        /// <summary>A logger of the newest live host, or none while no host lives (between two tests).</summary>
        public ILogger? LoggerFor(string name)
        {
            lock (_lock)
            {
                return _live.Count == 0 ? null : _live[^1].CreateLogger(name);
            }
        }
    }

    private sealed class RoutedLog(Router router, string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var logger = router.LoggerFor(name);
            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                HangfireLog.LogLevel.Fatal => LogLevel.Critical,
                _ => LogLevel.None,
            };

            if (logger is null || !logger.IsEnabled(level))
            {
                return false;
            }

            // Without a message Hangfire only asks whether the level is enabled.
            if (messageFunc is null)
            {
                return true;
            }

            // Hangfire hands over finished text, never a message template.
            var message = messageFunc();
            logger.Log(level, default, message, exception, static (text, _) => text);
            return true;
        }
    }
}

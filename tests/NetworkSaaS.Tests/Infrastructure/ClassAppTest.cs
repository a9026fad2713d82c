using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// An integration test class whose tests share one app and database (started by its first test, stopped after its last):
/// starting an app on a fresh database costs about as much CPU as a short test itself. Only for classes whose tests each
/// make their own companies under a unique slug (<see cref="Slug"/>), assume no other company in the database (a query
/// as the superuser says which company it reads), and replace no service but the clock (their
/// <see cref="IntegrationTest.Settings"/> are the class's, the same for every test). Each test still meets the app as if
/// it were its own: the app's TimeProvider is this test's (<see cref="IntegrationTest.ConfigureServices"/>), the mail
/// folder starts empty, and its requests come from an address of its own (the per-address rate limits count each test
/// apart, as they would count two visitors).
/// </summary>
public abstract class ClassAppTest(PostgresCluster cluster, ClassApp shared) : IntegrationTest(cluster), IClassFixture<ClassApp>
{
    private static int _slugs;
    private static int _tests;

    /// <summary>A slug no other test of the run uses: <paramref name="name"/> and a number.</summary>
    protected static string Slug(string name) => $"{name}-{Interlocked.Increment(ref _slugs)}";

    private protected override bool OwnsApp => false;

    private protected override async Task<TestApp> AppForThisTestAsync()
    {
        var own = new ServiceCollection();
        ConfigureServices(own);
        if (own.Any(d => d.ServiceType != typeof(TimeProvider) || d.ImplementationInstance is not TimeProvider))
        {
            throw new InvalidOperationException($"{GetType().Name} replaces services other than the clock: it needs an app of its own (IntegrationTest).");
        }

        shared.Clock.Current = own.Select(d => (TimeProvider)d.ImplementationInstance!).LastOrDefault() ?? TimeProvider.System;
        var test = Interlocked.Increment(ref _tests);
        shared.Address.Current = new IPAddress([10, (byte)(test >> 16), (byte)(test >> 8), (byte)test]);
        shared.App ??= await StartAppAsync(services =>
        {
            services.AddSingleton<TimeProvider>(shared.Clock);
            services.AddSingleton<IStartupFilter>(shared.Address);
        });
        if (Directory.Exists(shared.App.MailDirectory))
        {
            Directory.Delete(shared.App.MailDirectory, recursive: true);
        }

        return shared.App;
    }
}

/// <summary>The app (and its database) that the tests of one <see cref="ClassAppTest"/> class share.</summary>
public sealed class ClassApp : IAsyncLifetime
{
    internal TestApp? App { get; set; }

    /// <summary>The app's clock: the current test's.</summary>
    internal RoutedClock Clock { get; } = new();

    /// <summary>The address the app sees the current test's requests come from.</summary>
    internal TestAddress Address { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
        }
    }

    internal sealed class RoutedClock : TimeProvider
    {
        public TimeProvider Current { get; set; } = System;

        public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => Current.LocalTimeZone;

        public override long TimestampFrequency => Current.TimestampFrequency;

        public override long GetTimestamp() => Current.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Current.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Sets the remote address of in-memory requests (the test server sends none) to the current test's.</summary>
    internal sealed class TestAddress : IStartupFilter
    {
        public IPAddress Current { get; set; } = IPAddress.Loopback;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= Current;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

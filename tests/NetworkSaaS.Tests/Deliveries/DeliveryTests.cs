using System.Net;
using System.Net.Sockets;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Deliveries;

namespace NetworkSaaS.Tests.Deliveries;

/// <summary>A sender for these tests: a header per attempt, and cancels deliveries whose body says so.</summary>
internal sealed class TestChannel : IDeliveryChannel
{
    public const string ChannelName = "test";

    public string Name => ChannelName;

    public Task<bool> PrepareAsync(OutgoingDelivery delivery, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("x-test-delivery", delivery.MessageId.ToString());
        return Task.FromResult(delivery.Body != "cancel");
    }
}

/// <summary>The outgoing delivery machinery with the SSRF guard relaxed (local receivers): outbox, retries, back-off, once only.</summary>
public sealed class DeliveryTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Deliveries:AllowUnsafeTargets"] = "true",
        ["Deliveries:RetryDelays:0"] = "00:00:10",
        ["Deliveries:RetryDelays:1"] = "00:01:00",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScoped<IDeliveryChannel, TestChannel>();
    }

    private Task<T> InDbAsync<T>(ITenantInfo tenant, Func<AppDbContext, Task<T>> query) =>
        App.InTenantAsync(tenant, sp => query(sp.GetRequiredService<AppDbContext>()));

    private Task<Guid> EnqueueAsync(ITenantInfo tenant, Uri target, string body = "{\"hello\":1}") =>
        App.InTenantAsync(tenant, async sp =>
        {
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue(TestChannel.ChannelName, "test.event", target, body);
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return delivery.Id;
        });

    private Task<DeliveryState?> RunAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunAsync(tenant.Id, id, CancellationToken.None));

    private Task<OutgoingDelivery> DeliveryAsync(ITenantInfo tenant, Guid id) =>
        InDbAsync(tenant, db => db.OutgoingDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    private List<Guid> EnqueuedDeliveryJobs() =>
        [.. App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.Job.Type == typeof(DeliveryJob) && j.Value.Job.Method.Name == nameof(DeliveryJob.RunAsync))
            .Select(j => (Guid)j.Value.Job.Args[1]!)];

    [Fact]
    public async Task A_receiver_failing_twice_then_succeeding_gets_one_success_after_the_back_off_and_the_log_shows_three_attempts()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        await using var receiver = await LocalHttpReceiver.StartAsync((_, n) => new ReceiverAnswer(n < 2 ? 503 : 204));
        var id = await EnqueueAsync(tenant, receiver.UrlOf("/hook"));
        Assert.Contains(id, EnqueuedDeliveryJobs()); // started after the commit

        Assert.Equal(DeliveryState.Pending, await RunAsync(tenant, id));
        var first = await DeliveryAsync(tenant, id);
        Assert.Equal((1, 503), (first.Attempts, first.ResponseStatus));
        Assert.Equal(_clock.UtcNow.AddSeconds(10), first.NextAttemptAt);
        Assert.Null(await RunAsync(tenant, id)); // not due yet: nothing sent
        Assert.Single(receiver.Requests);

        _clock.UtcNow = _clock.UtcNow.AddSeconds(10);
        Assert.Equal(DeliveryState.Pending, await RunAsync(tenant, id));
        Assert.Equal(_clock.UtcNow.AddMinutes(1), (await DeliveryAsync(tenant, id)).NextAttemptAt);
        _clock.UtcNow = _clock.UtcNow.AddMinutes(1);
        Assert.Equal(DeliveryState.Delivered, await RunAsync(tenant, id));

        _clock.UtcNow = _clock.UtcNow.AddHours(1);
        Assert.Null(await RunAsync(tenant, id)); // delivered: never again
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(tenant.Id, CancellationToken.None)));

        var done = await DeliveryAsync(tenant, id);
        Assert.Equal((DeliveryState.Delivered, 3, 204), (done.State, done.Attempts, done.ResponseStatus));
        Assert.Null(done.Error);
        Assert.Null(done.NextAttemptAt);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["x-test-delivery"]).Distinct());
        Assert.All(receiver.Requests, r => Assert.Equal(("POST", "{\"hello\":1}"), (r.Method, r.Body)));
        Assert.All(receiver.Requests, r => Assert.Equal("application/json; charset=utf-8", r.Headers["content-type"]));
    }

    [Fact]
    public async Task After_the_last_retry_a_delivery_is_failed_and_a_resend_is_a_new_delivery_of_the_same_message()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var failing = true;
        await using var receiver = await LocalHttpReceiver.StartAsync((_, _) => new ReceiverAnswer(failing ? 500 : 200));
        var id = await EnqueueAsync(tenant, receiver.UrlOf("/hook"));
        foreach (var wait in new[] { 0, 10, 60 })
        {
            _clock.UtcNow = _clock.UtcNow.AddSeconds(wait);
            await RunAsync(tenant, id);
        }

        var failed = await DeliveryAsync(tenant, id);
        Assert.Equal((DeliveryState.Failed, 3, 500), (failed.State, failed.Attempts, failed.ResponseStatus));
        Assert.Contains("500", failed.Error, StringComparison.Ordinal);
        _clock.UtcNow = _clock.UtcNow.AddHours(1);
        Assert.Null(await RunAsync(tenant, id));

        failing = false;
        var copy = await App.InTenantAsync(tenant, async sp =>
        {
            var original = await sp.GetRequiredService<AppDbContext>().OutgoingDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
            var resent = sp.GetRequiredService<OutgoingDeliveries>().Resend(original);
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return resent.Id;
        });
        Assert.Equal(1, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(tenant.Id, CancellationToken.None)));
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["x-test-delivery"]).Distinct()); // the same message id
        Assert.Equal(DeliveryState.Delivered, (await DeliveryAsync(tenant, copy)).State);
        Assert.Equal(DeliveryState.Failed, (await DeliveryAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_rolled_back_change_sends_nothing_and_starts_no_job()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        var before = EnqueuedDeliveryJobs();

        var id = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue(TestChannel.ChannelName, "test.event", receiver.UrlOf("/hook"), "{}");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return delivery.Id;
        });

        Assert.Equal(before, EnqueuedDeliveryJobs());
        Assert.Equal(0, await InDbAsync(tenant, db => db.OutgoingDeliveries.CountAsync()));
        Assert.Null(await RunAsync(tenant, id));
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(tenant.Id, CancellationToken.None)));
        Assert.Empty(receiver.Requests);

        // Committed inside an explicit transaction: the job starts at the commit, not at SaveChanges.
        var committed = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue(TestChannel.ChannelName, "test.event", receiver.UrlOf("/hook"), "{}");
            await db.SaveChangesAsync();
            Assert.DoesNotContain(delivery.Id, EnqueuedDeliveryJobs());
            await transaction.CommitAsync();
            return delivery.Id;
        });
        Assert.Contains(committed, EnqueuedDeliveryJobs());
    }

    [Fact]
    public async Task A_redirect_is_not_followed_it_is_a_failed_attempt()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        await using var elsewhere = await LocalHttpReceiver.StartAsync();
        await using var receiver = await LocalHttpReceiver.StartAsync((_, _) => new ReceiverAnswer(302, elsewhere.UrlOf("/internal").AbsoluteUri));
        var id = await EnqueueAsync(tenant, receiver.UrlOf("/hook"));

        Assert.Equal(DeliveryState.Pending, await RunAsync(tenant, id));
        var delivery = await DeliveryAsync(tenant, id);
        Assert.Equal((1, 302), (delivery.Attempts, delivery.ResponseStatus));
        Assert.Single(receiver.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_channel_may_cancel_a_delivery_its_owner_no_longer_wants_and_an_unknown_channel_fails()
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        var cancelled = await EnqueueAsync(tenant, receiver.UrlOf("/hook"), "cancel");
        var unknown = await App.InTenantAsync(tenant, async sp =>
        {
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue("nobody", "test.event", receiver.UrlOf("/hook"), "{}");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return delivery.Id;
        });

        Assert.Equal(DeliveryState.Cancelled, await RunAsync(tenant, cancelled));
        Assert.Equal(DeliveryState.Failed, await RunAsync(tenant, unknown));
        Assert.Equal(0, (await DeliveryAsync(tenant, cancelled)).Attempts);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_delivery_of_company_A_is_invisible_to_and_never_sent_by_company_B()
    {
        var (a, _) = await App.CreateTenantAsync("acme");
        var (b, _) = await App.CreateTenantAsync("globex");
        await using var receiver = await LocalHttpReceiver.StartAsync();
        var id = await EnqueueAsync(a, receiver.UrlOf("/hook"));

        Assert.Null(await App.InTenantAsync(b, sp => sp.GetRequiredService<DeliveryJob>().RunAsync(a.Id, id, CancellationToken.None)));
        Assert.Equal(0, await App.InTenantAsync(b, sp => sp.GetRequiredService<DeliveryJob>().RunDueAsync(b.Id, CancellationToken.None)));
        Assert.Equal(0, await InDbAsync(b, db => db.OutgoingDeliveries.IgnoreQueryFilters([AppDbContext.TenantFilter]).CountAsync()));
        Assert.Empty(receiver.Requests);
        Assert.Equal(DeliveryState.Delivered, await RunAsync(a, id));
    }
}

/// <summary>The SSRF guard as production has it (no relaxing option): what a company's URL may never reach.</summary>
public sealed class DeliveryGuardTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddScoped<IDeliveryChannel, TestChannel>();

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10:8443/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("http://example.com/hook")]
    public async Task A_target_outside_the_public_https_internet_is_refused_at_once_without_a_retry(string target)
    {
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var id = await App.InTenantAsync(tenant, async sp =>
        {
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue(TestChannel.ChannelName, "test.event", new Uri(target), "{}");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return delivery.Id;
        });

        Assert.Equal(DeliveryState.Failed, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunAsync(tenant.Id, id, CancellationToken.None)));
        var delivery = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().OutgoingDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.StartsWith("Refused: ", delivery.Error, StringComparison.Ordinal);
        Assert.Null(delivery.ResponseStatus);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_after_resolution_and_nothing_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (tenant, _) = await App.CreateTenantAsync("acme");
        var id = await App.InTenantAsync(tenant, async sp =>
        {
            var delivery = sp.GetRequiredService<OutgoingDeliveries>().Enqueue(TestChannel.ChannelName, "test.event", new Uri($"https://localhost:{port}/hook"), "{}");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return delivery.Id;
        });

        // The literal check before connecting cannot see it: only the resolution does.
        Assert.Null(App.Services.GetRequiredService<GuardedHttpClient>().RefusalOf(new Uri($"https://localhost:{port}/hook")));
        Assert.Equal(DeliveryState.Failed, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<DeliveryJob>().RunAsync(tenant.Id, id, CancellationToken.None)));
        var delivery = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().OutgoingDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Contains("localhost resolves to an address deliveries may not reach", delivery.Error, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>One request a <see cref="LocalHttpReceiver"/> got.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What a <see cref="LocalHttpReceiver"/> answers: a status, and a Location for redirects.</summary>
public sealed record ReceiverAnswer(int Status, string? Location = null);

/// <summary>
/// An HTTP endpoint for the outgoing-delivery tests (webhooks, chat): its own Kestrel on a free loopback port that
/// records every request and answers as the test says (the nth request's answer decides failures, redirects).
/// </summary>
public sealed class LocalHttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Uri UrlOf(string path) => new(BaseUrl, path);

    /// <param name="answer">Given the request and how many came before it; null answers 200 to everything.</param>
    public static async Task<LocalHttpReceiver> StartAsync(Func<ReceivedRequest, int, ReceiverAnswer>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LocalHttpReceiver(app);
        var count = 0;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            var reply = answer?.Invoke(request, Interlocked.Increment(ref count) - 1) ?? new ReceiverAnswer(200);
            receiver.Requests.Enqueue(request);
            context.Response.StatusCode = reply.Status;
            if (reply.Location is not null)
            {
                context.Response.Headers.Location = reply.Location;
            }
        });
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

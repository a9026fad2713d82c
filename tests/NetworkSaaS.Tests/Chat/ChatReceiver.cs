using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NetworkSaaS.Tests.Chat;

/// <summary>One request a <see cref="ChatReceiver"/> took: path and query, the Authorization header, the JSON body.</summary>
public sealed record ReceivedChatRequest(string Method, string PathAndQuery, string? Authorization, string ContentType, JsonNode? Body);

/// <summary>
/// A local stand-in for Slack and Teams on a free loopback port (like LocalHttpReceiver, which cannot answer with a body): records every request and answers as the real service
/// does — Slack's Web API with <c>{"ok":true,…}</c> (users.lookupByEmail finds the emails in <see cref="SlackMembers"/>),
/// webhooks with 200. The tests then check the recorded shapes against what each service documents.
/// </summary>
public sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedChatRequest> Requests { get; } = new();

    /// <summary>Email → Slack user id, for users.lookupByEmail.</summary>
    public ConcurrentDictionary<string, string> SlackMembers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>When set, Slack's Web API answers chat.postMessage as it does for a failure: 200 with ok=false and this error.</summary>
    public string? SlackPostError { get; set; }

    public static async Task<ChatReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ChatReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        Requests.Enqueue(new ReceivedChatRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType ?? "", text.Length == 0 ? null : JsonNode.Parse(text)));
        if (context.Request.Path.StartsWithSegments("/api/users.lookupByEmail"))
        {
            var email = context.Request.Query["email"].ToString();
            await context.Response.WriteAsJsonAsync(SlackMembers.TryGetValue(email, out var id)
                ? new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = id } }
                : new JsonObject { ["ok"] = false, ["error"] = "users_not_found" });
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api/chat.postMessage") && SlackPostError is { } error)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error });
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["ts"] = "1700000000.000100" });
            return;
        }

        await context.Response.WriteAsync("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using System.Text.Json;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// Slack's users.lookupByEmail, with the company's bot token (scope users:read.email): the Slack member a person's direct
/// messages go to, found once when they choose them. Called directly (not through the delivery queue): it is a read at
/// the person's request, to the operator-configured Slack API, and its answer is needed at once.
/// </summary>
public sealed partial class SlackDirectory(IHttpClientFactory http, ChatOptions options, ILogger<SlackDirectory> logger)
{
    public const string HttpClientName = "slack-api";

    /// <returns>The Slack user id, or null when Slack knows no such member (or refused the token).</returns>
    public async Task<string?> LookupUserIdByEmailAsync(string botToken, string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.SlackApiBaseUrl, "users.lookupByEmail?email=" + Uri.EscapeDataString(email)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", botToken);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
                && root.TryGetProperty("user", out var user) && user.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } userId)
            {
                return userId;
            }

            LogNotFound(logger, root.TryGetProperty("error", out var error) ? error.GetString() : null);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            LogFailed(logger, e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack users.lookupByEmail found no member ({Error}).")]
    private static partial void LogNotFound(ILogger logger, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack users.lookupByEmail failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

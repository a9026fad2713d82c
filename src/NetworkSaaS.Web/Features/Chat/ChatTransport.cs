using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Chat;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// How a message reaches a <see cref="ChatTarget"/>: the body in the shape its service documents, and, at each attempt,
/// the real address and credentials. The outbox row only holds a placeholder address (the service's origin): a webhook
/// URL and a bot token are secrets and stay protected in <c>chat_targets</c>, read at the moment of sending.
/// </summary>
public sealed class ChatTransport(AppDbContext db, ChatSecrets secrets, ChatOptions options)
{
    /// <summary>The outbox row's address and the JSON body for <paramref name="target"/>.</summary>
    public (Uri Placeholder, string Body) Compose(ChatTarget target, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind switch
        {
            ChatTargetKind.SlackBot or ChatTargetKind.SlackDirectMessage =>
                (options.SlackPostMessageUrl, SlackMessages.Build(message, target.Channel).ToJsonString()),
            ChatTargetKind.SlackWebhook => (Origin(target), SlackMessages.Build(message).ToJsonString()),
            _ => (Origin(target), TeamsMessages.Build(message).ToJsonString()),
        };
    }

    /// <summary>Points <paramref name="request"/> at the target's real URL and adds its bot token; false when that is no longer possible.</summary>
    public async Task<bool> AddressAsync(ChatTarget target, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        switch (target.Kind)
        {
            case ChatTargetKind.SlackWebhook or ChatTargetKind.TeamsWebhook when target.ProtectedSecret is { } url:
                request.RequestUri = new Uri(secrets.Unprotect(url));
                return true;
            case ChatTargetKind.SlackBot when target.ProtectedSecret is { } token:
                request.RequestUri = options.SlackPostMessageUrl;
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets.Unprotect(token));
                return true;
            case ChatTargetKind.SlackDirectMessage:
                var bot = await db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == null, cancellationToken).ConfigureAwait(false);
                if (bot is not { Kind: ChatTargetKind.SlackBot, ProtectedSecret: { } botToken })
                {
                    return false; // the company's Slack app was disconnected
                }

                request.RequestUri = options.SlackPostMessageUrl;
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets.Unprotect(botToken));
                return true;
            default:
                return false;
        }
    }

    private Uri Origin(ChatTarget target) =>
        target.ProtectedSecret is { } url && Uri.TryCreate(secrets.Unprotect(url), UriKind.Absolute, out var parsed)
            ? new Uri(parsed.GetLeftPart(UriPartial.Authority) + "/")
            : options.SlackWebhookBaseUrl;
}

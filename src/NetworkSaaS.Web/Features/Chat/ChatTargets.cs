using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Chat;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>What a settings form asks for: how to reach Slack or Teams, the secret (blank: keep the stored one) and a channel.</summary>
public sealed class ChatTargetInput
{
    public ChatTargetKind Kind { get; set; } = ChatTargetKind.SlackWebhook;
    public string? Secret { get; set; }
    public string? Channel { get; set; }
}

/// <summary>
/// The company's chat destination (<c>userId</c> null) and each person's own: read, set (validated, the secret stored
/// protected, audited) and removed. The one place that writes <see cref="ChatTarget"/> rows.
/// </summary>
public sealed class ChatTargets(
    AppDbContext db, ChatSecrets secrets, ChatOptions options, DeliveryOptions deliveryOptions, SlackDirectory slack, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    public Task<ChatTarget?> FindAsync(Guid? userId, CancellationToken cancellationToken) =>
        db.ChatTargets.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);

    /// <summary>The company's bot token, when its destination is a Slack bot (what direct messages are sent with).</summary>
    public async Task<string?> CompanyBotTokenAsync(CancellationToken cancellationToken) =>
        await FindAsync(null, cancellationToken).ConfigureAwait(false) is { Kind: ChatTargetKind.SlackBot, ProtectedSecret: { } token }
            ? secrets.Unprotect(token)
            : null;

    /// <returns>Null when saved; else what is wrong, localized.</returns>
    public async Task<string?> SaveAsync(Guid? userId, string? userEmail, ChatTargetInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await db.ChatTargets.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken).ConfigureAwait(false);
        var secret = string.IsNullOrWhiteSpace(input.Secret) ? null : input.Secret.Trim();
        if (secret is null && existing is { ProtectedSecret: { } kept } && existing.Kind == input.Kind)
        {
            secret = secrets.Unprotect(kept);
        }

        var channel = string.IsNullOrWhiteSpace(input.Channel) ? null : input.Channel.Trim();
        switch (input.Kind)
        {
            case ChatTargetKind.SlackWebhook when !IsUnder(secret, options.SlackWebhookBaseUrl):
                return l["Paste the Slack incoming webhook URL (it starts with {0}).", options.SlackWebhookBaseUrl.AbsoluteUri];
            case ChatTargetKind.TeamsWebhook when !IsWebhookUrl(secret):
                return l["Paste the Teams workflow URL (it starts with https://)."];
            case ChatTargetKind.SlackBot when secret is null || !secret.StartsWith("xoxb-", StringComparison.Ordinal):
                return l["Paste the Slack bot token (it starts with xoxb-)."];
            case ChatTargetKind.SlackBot when userId is not null:
                return l["The value is not valid."];
            case ChatTargetKind.SlackBot when channel is null || channel.Length > ChatTarget.ChannelMaxLength:
                return l["Name the Slack channel to post to (its id, e.g. C0123456789, or #name)."];
            case ChatTargetKind.SlackDirectMessage when userId is null:
                return l["The value is not valid."];
            case ChatTargetKind.SlackDirectMessage:
                var token = await CompanyBotTokenAsync(cancellationToken).ConfigureAwait(false);
                if (token is null)
                {
                    return l["Direct messages need the company's Slack app: ask an administrator to connect it."];
                }

                channel = userEmail is null ? null : await slack.LookupUserIdByEmailAsync(token, userEmail, cancellationToken).ConfigureAwait(false);
                if (channel is null)
                {
                    return l["Slack has no member with your email address."];
                }

                secret = null;
                break;
            case ChatTargetKind.SlackWebhook or ChatTargetKind.TeamsWebhook:
                channel = null;
                break;
            case ChatTargetKind.SlackBot:
                break;
            default:
                return l["The value is not valid."];
        }

        var target = existing ?? db.ChatTargets.Add(new ChatTarget { UserId = userId }).Entity;
        target.Kind = input.Kind;
        target.ProtectedSecret = secret is null ? null : secrets.Protect(secret);
        target.SecretHint = secret is null ? "" : ChatSecrets.Hint(secret);
        target.Channel = channel;
        target.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.ChatTargetChanged, Subject(userId), target.Kind.ToString());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<bool> RemoveAsync(Guid? userId, CancellationToken cancellationToken)
    {
        var existing = await db.ChatTargets.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        db.ChatTargets.Remove(existing);
        audit.Record(AuditActions.ChatTargetRemoved, Subject(userId), existing.Kind.ToString());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static string Subject(Guid? userId) => userId?.ToString() ?? "company";

    private static bool IsUnder(string? url, Uri prefix) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.AbsoluteUri.StartsWith(prefix.AbsoluteUri, StringComparison.OrdinalIgnoreCase);

    private bool IsWebhookUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                        && (parsed.Scheme == Uri.UriSchemeHttps || (deliveryOptions.AllowUnsafeTargets && parsed.Scheme == Uri.UriSchemeHttp));
}

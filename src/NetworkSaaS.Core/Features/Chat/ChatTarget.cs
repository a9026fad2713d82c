using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Chat;

/// <summary>How messages reach Slack or Microsoft Teams.</summary>
public enum ChatTargetKind
{
    /// <summary>A Slack incoming webhook URL (the channel is fixed by the URL).</summary>
    SlackWebhook = 1,

    /// <summary>A Slack bot token: chat.postMessage to <see cref="ChatTarget.Channel"/>.</summary>
    SlackBot = 2,

    /// <summary>A person's direct messages through the company's Slack bot; <see cref="ChatTarget.Channel"/> is their Slack user id.</summary>
    SlackDirectMessage = 3,

    /// <summary>A Microsoft Teams Workflows (or incoming webhook) URL: a message with an adaptive card.</summary>
    TeamsWebhook = 4,
}

/// <summary>
/// Where a company (<see cref="UserId"/> null: its channel for the asks digest and company-wide notices) or one person
/// gets chat messages. At most one per company and one per person. The webhook URL or bot token is a secret: stored only
/// through ASP.NET Core data protection (<see cref="ProtectedSecret"/>), shown back only as <see cref="SecretHint"/>.
/// </summary>
public sealed class ChatTarget : ITenantOwned
{
    public const int ChannelMaxLength = 100;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? UserId { get; set; }
    public ChatTargetKind Kind { get; set; }

    /// <summary>The data-protected webhook URL or bot token; null for direct messages through the company's bot.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>What may be shown of the secret: its host and last four characters.</summary>
    public string SecretHint { get; set; } = "";

    /// <summary>The Slack channel id of a bot target, or the person's Slack user id for direct messages.</summary>
    public string? Channel { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

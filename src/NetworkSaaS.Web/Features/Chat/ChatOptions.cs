namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// Section "Chat". Where Slack's Web API and incoming webhooks live; tests point both at local receivers. The defaults
/// are the production values.
/// </summary>
public sealed class ChatOptions
{
    /// <summary>Slack's Web API (chat.postMessage, users.lookupByEmail), ending in a slash.</summary>
    public Uri SlackApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack incoming webhook URLs must start with this.</summary>
    public Uri SlackWebhookBaseUrl { get; set; } = new("https://hooks.slack.com/");

    public Uri SlackPostMessageUrl => new(SlackApiBaseUrl, "chat.postMessage");
}

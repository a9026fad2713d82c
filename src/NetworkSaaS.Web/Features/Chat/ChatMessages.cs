using System.Text.Json.Nodes;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>A chat message, already in its reader's language: a bold first line, the text, and a button to act.</summary>
public sealed record ChatMessage(string Title, string Text, string ButtonLabel, Uri Link);

/// <summary>
/// The shapes Slack documents: <c>text</c> (the notification and accessibility fallback) with <c>blocks</c> (a
/// <c>section</c> in mrkdwn and an <c>actions</c> block with a link button). The same body goes to an incoming webhook
/// and, with <c>channel</c>, to chat.postMessage.
/// </summary>
public static class SlackMessages
{
    public static JsonObject Build(ChatMessage message, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject();
        if (channel is not null)
        {
            body["channel"] = channel;
        }

        body["text"] = $"{message.Title}: {message.Text}";
        body["blocks"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(message.Title)}*\n{Escape(message.Text)}" },
            },
            new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = message.ButtonLabel },
                        ["url"] = message.Link.AbsoluteUri,
                    },
                },
            },
        };
        return body;
    }

    /// <summary>Slack's mrkdwn control characters (user text must not become links or mentions).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }
}

/// <summary>
/// The shape a Microsoft Teams Workflows (or incoming) webhook takes: a <c>message</c> with one attachment of content
/// type <c>application/vnd.microsoft.card.adaptive</c> whose content is an Adaptive Card (version 1.4, which Teams renders).
/// </summary>
public static class TeamsMessages
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = CardContentType,
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = new JsonArray
                        {
                            new JsonObject { ["type"] = "TextBlock", ["text"] = message.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                            new JsonObject { ["type"] = "TextBlock", ["text"] = message.Text, ["wrap"] = true },
                        },
                        ["actions"] = new JsonArray
                        {
                            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = message.ButtonLabel, ["url"] = message.Link.AbsoluteUri },
                        },
                    },
                },
            },
        };
    }
}

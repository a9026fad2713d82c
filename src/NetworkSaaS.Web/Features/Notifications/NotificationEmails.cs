using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>Who gets a notification email, as the outbox job read them.</summary>
public sealed record NotificationRecipient(string Email, string? Culture, string DisplayName);

/// <summary>
/// The email of an in-app notification: built here and only here, from the notification's kind (its text in
/// <see cref="NotificationLabels"/>), who caused it and the link to its item, in plain text and HTML, in the
/// recipient's language (their own, else the company's), with the sign-in-free unsubscribe link and the one-click
/// List-Unsubscribe header of its <see cref="EmailTopic"/>. A new notification kind gets its email by having a text.
/// </summary>
public sealed class NotificationEmails(
    IEmailSender sender, IStringLocalizer<SharedResource> l, NotificationLabels labels, EmailOptions options, UnsubscribeLinks unsubscribe)
{
    /// <summary>Kinds that are not mailed through the outbox because they send a mail of their own (the digest lists the due contacts).</summary>
    public static bool IsMailed(string kind) => kind != NotificationKinds.StayInTouchDigest;

    /// <summary>The setting (and unsubscribe link) a kind's email answers to; null for kinds the recipient cannot stop separately.</summary>
    public static EmailTopic? TopicOf(string kind) => NotificationKinds.IsIntroduction(kind) ? EmailTopic.Introductions : null;

    /// <summary>Whether the recipient's settings let this kind's email through.</summary>
    public static bool IsWanted(string kind, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TopicOf(kind) switch
        {
            EmailTopic.Introductions => settings.IntroductionsByEmail,
            _ => true,
        };
    }

    public Task SendAsync(ITenantInfo tenant, NotificationRecipient to, Notification notification, string? actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(notification);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var itemLink = baseUrl + NotificationLinks.PathOf(tenant.Slug, notification);
        var settingsLink = baseUrl + NotificationLinks.SettingsPath(tenant.Slug);
        var topic = TopicOf(notification.Kind);
        var stopLink = topic is { } stoppable ? unsubscribe.PageFor(tenant, notification.UserId, stoppable).AbsoluteUri : null;

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string subject, greeting, what, open, settings, stop;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(to.Culture ?? tenant.DefaultCulture);
            var text = labels.Notification(notification.Kind);
            subject = l["[{0}] {1}", tenant.Name, text];
            greeting = l["Hello {0},", to.DisplayName];
            what = actorName is null ? text : $"{actorName}: {text}";
            open = l["Open it in NetworkSaaS:"];
            settings = l["Choose which notifications also come by email:"];
            stop = topic is { } named ? l["Stop getting {0} by email:", labels.Topic(named)] : "";
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }

        var plain = new StringBuilder()
            .Append(greeting).Append("\n\n")
            .Append(what).Append("\n\n")
            .Append(open).Append('\n').Append(itemLink).Append("\n\n")
            .Append(settings).Append('\n').Append(settingsLink).Append('\n');
        if (stopLink is not null)
        {
            plain.Append('\n').Append(stop).Append('\n').Append(stopLink).Append('\n');
        }

        var h = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder()
            .Append("<p>").Append(h.Encode(greeting)).Append("</p>")
            .Append("<p>").Append(h.Encode(what)).Append("</p>")
            .Append("<p>").Append(h.Encode(open)).Append(" <a href=\"").Append(h.Encode(itemLink)).Append("\">").Append(h.Encode(itemLink)).Append("</a></p>")
            .Append("<p>").Append(h.Encode(settings)).Append(" <a href=\"").Append(h.Encode(settingsLink)).Append("\">").Append(h.Encode(settingsLink)).Append("</a></p>");
        if (stopLink is not null)
        {
            html.Append("<p>").Append(h.Encode(stop)).Append(" <a href=\"").Append(h.Encode(stopLink)).Append("\">").Append(h.Encode(stopLink)).Append("</a></p>");
        }

        var oneClick = topic is { } header ? unsubscribe.OneClickFor(tenant, notification.UserId, header) : null;
        return sender.SendAsync(new OutgoingEmail(to.Email, subject, plain.ToString(), html.ToString(), oneClick), cancellationToken);
    }
}

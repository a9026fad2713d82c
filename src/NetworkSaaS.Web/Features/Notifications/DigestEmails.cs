using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>The stay-in-touch digest mail: plain text and HTML, in the recipient's language, linking back to the app.</summary>
public sealed class DigestEmails(IEmailSender sender, IStringLocalizer<SharedResource> l, EmailOptions options, UnsubscribeLinks unsubscribe)
{
    /// <summary>How many due contacts the mail names; the link shows all of them.</summary>
    public const int Listed = 10;

    public Task SendDigestAsync(
        ITenantInfo tenant, Guid userId, string to, string culture, string displayName, int total, IReadOnlyList<DigestContact> contacts, int toReview,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(contacts);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var overdueLink = $"{baseUrl}/{tenant.Slug}/contacts?overdue=true";
        var reviewLink = $"{baseUrl}/{tenant.Slug}/contacts/review";
        var settingsLink = $"{baseUrl}/{tenant.Slug}/notifications/settings";
        var stopLink = unsubscribe.PageFor(tenant, userId, EmailTopic.StayInTouchDigest).AbsoluteUri;

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string subject, greeting, intro, more, seeAll, settings, stop, review;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            subject = total > 0 ? l["Stay in touch — contacts due: {0} ({1})", total, tenant.Name] : l["{0} imported contacts wait for review ({1})", toReview, tenant.Name];
            review = toReview > 0 ? l["{0} imported contacts wait for review:", toReview] : "";
            greeting = l["Hello {0},", displayName];
            intro = l["These people in your network are due for a touch:"];
            more = total > contacts.Count ? l["… and {0} more.", total - contacts.Count] : "";
            seeAll = l["See all of them:"];
            settings = l["Change when you get this digest, or turn it off:"];
            stop = l["Stop getting this digest by email:"];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }

        static string Line(DigestContact c) =>
            $"{c.Name}{(string.IsNullOrEmpty(c.Company) ? "" : $" ({c.Company})")} — {c.NextTouchOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

        var text = new StringBuilder().Append(greeting).Append("\n\n");
        if (contacts.Count > 0)
        {
            text.Append(intro).Append('\n');
            foreach (var contact in contacts)
            {
                text.Append("- ").Append(Line(contact)).Append('\n');
            }

            if (more.Length > 0)
            {
                text.Append(more).Append('\n');
            }

            text.Append('\n').Append(seeAll).Append('\n').Append(overdueLink).Append("\n\n");
        }

        if (review.Length > 0)
        {
            text.Append(review).Append('\n').Append(reviewLink).Append("\n\n");
        }

        text.Append(settings).Append('\n').Append(settingsLink).Append("\n\n")
            .Append(stop).Append('\n').Append(stopLink).Append('\n');

        var h = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder().Append("<p>").Append(h.Encode(greeting)).Append("</p>");
        if (contacts.Count > 0)
        {
            html.Append("<p>").Append(h.Encode(intro)).Append("</p><ul>");
            foreach (var contact in contacts)
            {
                html.Append("<li>").Append(h.Encode(Line(contact))).Append("</li>");
            }

            html.Append("</ul>");
            if (more.Length > 0)
            {
                html.Append("<p>").Append(h.Encode(more)).Append("</p>");
            }

            html.Append("<p>").Append(h.Encode(seeAll)).Append(" <a href=\"").Append(h.Encode(overdueLink)).Append("\">").Append(h.Encode(overdueLink)).Append("</a></p>");
        }

        if (review.Length > 0)
        {
            html.Append("<p>").Append(h.Encode(review)).Append(" <a href=\"").Append(h.Encode(reviewLink)).Append("\">").Append(h.Encode(reviewLink)).Append("</a></p>");
        }

        html.Append("<p>").Append(h.Encode(settings)).Append(" <a href=\"").Append(h.Encode(settingsLink)).Append("\">").Append(h.Encode(settingsLink)).Append("</a></p>")
            .Append("<p>").Append(h.Encode(stop)).Append(" <a href=\"").Append(h.Encode(stopLink)).Append("\">").Append(h.Encode(stopLink)).Append("</a></p>");
        return sender.SendAsync(
            new OutgoingEmail(to, subject, text.ToString(), html.ToString(), unsubscribe.OneClickFor(tenant, userId, EmailTopic.StayInTouchDigest)),
            cancellationToken);
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>Account mails (password reset, invitation), written in the recipient's language with a link back to the tenant.</summary>
public sealed class AccountEmails(
    IEmailSender sender,
    IStringLocalizer<SharedResource> l,
    ITenantContextAccessor tenantContext,
    EmailOptions emailOptions)
{
    public Task SendPasswordResetAsync(AppUser user, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = tenantContext.Tenant!;
        var link = Link($"/{tenant.Slug}/account/reset-password?userId={user.Id}&token={Uri.EscapeDataString(token)}");
        return SendAsync(user.Email!, user.Culture ?? tenant.DefaultCulture, () => (
            l["Reset your NetworkSaaS password for {0}", tenant.Name].Value,
            l["Someone asked to reset the password of your account. If it was you, open this link to choose a new password:"].Value,
            link,
            l["If you did not ask for this, ignore this mail: your password stays as it is."].Value), cancellationToken);
    }

    public Task SendInvitationAsync(Invitation invitation, string token, string inviterName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var tenant = tenantContext.Tenant!;
        var link = Link($"/{tenant.Slug}/account/invitation?token={Uri.EscapeDataString(token)}");
        return SendAsync(invitation.Email, tenant.DefaultCulture, () => (
            l["{0} invites you to {1} on NetworkSaaS", inviterName, tenant.Name].Value,
            l["{0} invites you to join {1} on NetworkSaaS, where colleagues share who they know outside the company. Open this link to create your account:", inviterName, tenant.Name].Value,
            link,
            l["The link works until {0:yyyy-MM-dd HH:mm} UTC.", invitation.ExpiresAt.UtcDateTime].Value), cancellationToken);
    }

    // From configuration, never from the request: a forged Host header must not end up in a mailed link.
    private string Link(string pathAndQuery) => $"{emailOptions.BaseUrl.TrimEnd('/')}{pathAndQuery}";

    private async Task SendAsync(string to, string culture, Func<(string Subject, string Intro, string Link, string Outro)> compose, CancellationToken cancellationToken)
    {
        var previous = CultureInfo.CurrentUICulture;
        (string Subject, string Intro, string Link, string Outro) parts;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            parts = compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var html = HtmlEncoder.Default;
        var text = $"{parts.Intro}\n\n{parts.Link}\n\n{parts.Outro}\n";
        var body = $"<p>{html.Encode(parts.Intro)}</p><p><a href=\"{html.Encode(parts.Link)}\">{html.Encode(parts.Link)}</a></p><p>{html.Encode(parts.Outro)}</p>";
        await sender.SendAsync(new OutgoingEmail(to, parts.Subject, text, body), cancellationToken).ConfigureAwait(false);
    }
}

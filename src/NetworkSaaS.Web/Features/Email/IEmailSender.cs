using MimeKit;

namespace NetworkSaaS.Web.Features.Email;

/// <param name="Unsubscribe">For mails a user can stop (not for account mails such as password resets): the RFC 8058
/// one-click target, sent as the List-Unsubscribe and List-Unsubscribe-Post headers.</param>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string HtmlBody, Uri? Unsubscribe = null);

public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}

internal static class MimeMessages
{
    public static MimeMessage Build(OutgoingEmail email, EmailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        if (email.Unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{email.Unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }
}

/// <summary>Development mail sink: each message is an .eml file in the pickup folder (open it with any mail program).</summary>
public sealed partial class PickupDirectoryEmailSender(EmailOptions options, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        Directory.CreateDirectory(options.PickupDirectory);
        var path = Path.Combine(options.PickupDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        var message = MimeMessages.Build(email, options);
        // Written under another name, then renamed: whoever reads the folder (a mail program, a test waiting for a job's
        // mail) never opens a message still being written.
        var partial = path + ".partial";
        try
        {
            await message.WriteToAsync(partial, cancellationToken).ConfigureAwait(false);
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        LogWritten(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail written to the pickup folder: {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}

/// <summary>
/// Sends through the configured SMTP server, one connection per mail. Cancellation (a worker stopping) is honoured
/// until the transfer begins; the transfer itself is not cancelled: stopping it half way would leave it unknown whether
/// the server accepted the mail, and the retry would send it a second time. <see cref="SmtpOptions.Timeout"/> bounds it.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = MimeMessages.Build(email, options);
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)options.Smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Smtp.Host, options.Smtp.Port, TransportSecurity(options.Smtp), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.Smtp.UserName))
        {
            await client.AuthenticateAsync(options.Smtp.UserName, options.Smtp.Password, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await client.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
    }

    internal static MailKit.Security.SecureSocketOptions TransportSecurity(SmtpOptions smtp) =>
        smtp.AllowUnencryptedRelay ? MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable
        : smtp.Port == 465 ? MailKit.Security.SecureSocketOptions.SslOnConnect
        : MailKit.Security.SecureSocketOptions.StartTls;
}

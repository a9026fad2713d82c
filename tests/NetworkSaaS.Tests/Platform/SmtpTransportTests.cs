using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Tests.Platform;

/// <summary>Mail leaves over TLS; a server without TLS is used only when the setting names it an allowed plain relay.</summary>
public sealed class SmtpTransportTests : IAsyncLifetime
{
    private readonly FakeSmtpServer _plainServer = new();

    [Fact]
    public async Task Sending_to_a_server_without_tls_fails_unless_plain_relays_are_allowed()
    {
        var mail = new OutgoingEmail("someone@example.org", "Hello", "text", "<p>text</p>");
        await Assert.ThrowsAsync<NotSupportedException>(() => Sender(allowPlain: false).SendAsync(mail));
        Assert.Empty(_plainServer.Delivered);

        await Sender(allowPlain: true).SendAsync(mail);
        Assert.Single(_plainServer.Delivered);
    }

    private SmtpEmailSender Sender(bool allowPlain) => new(new EmailOptions
    {
        From = "NetworkSaaS <no-reply@networksaas.test>",
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _plainServer.Port, AllowUnencryptedRelay = allowPlain, Timeout = TimeSpan.FromSeconds(10) },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _plainServer.DisposeAsync().AsTask();
}

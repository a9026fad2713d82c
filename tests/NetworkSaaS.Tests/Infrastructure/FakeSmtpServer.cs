using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>What one SMTP session of <see cref="FakeSmtpServer"/> does.</summary>
public enum SmtpSession
{
    /// <summary>Takes the mail (250 after the message).</summary>
    Accept,

    /// <summary>421 instead of the greeting, then closes: a server that is down or overloaded.</summary>
    RefuseAtGreeting,

    /// <summary>Reads the whole message, then answers 451 (temporary failure): the mail is not taken.</summary>
    RefuseMessage,

    /// <summary>Accepts the connection and says nothing until <see cref="FakeSmtpServer.Release"/> (or the client leaves).</summary>
    StallAtGreeting,

    /// <summary>
    /// Reads the whole message, then holds back its answer until <see cref="FakeSmtpServer.Release"/>. The message counts as
    /// delivered even if the client leaves meanwhile: a real server may already have queued it.
    /// </summary>
    StallBeforeAccepting,
}

/// <summary>A mail the server took: the envelope recipients and the message.</summary>
public sealed record DeliveredMail(IReadOnlyList<string> Recipients, MimeMessage Message);

/// <summary>
/// A real SMTP server on a loopback port, speaking just enough SMTP for MailKit (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
/// no TLS, no AUTH). Each new session follows the next step of the plan, then <see cref="SmtpSession.Accept"/>.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpSession> _plan = new();
    private readonly ConcurrentQueue<DeliveredMail> _delivered = new();
    private readonly ConcurrentQueue<IReadOnlyList<string>> _stalls = new();
    private readonly SemaphoreSlim _stalled = new(0);
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessionCount;
    private int _refused;
    private int _abandoned;

    public FakeSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public IReadOnlyList<DeliveredMail> Delivered => [.. _delivered];

    /// <summary>Sessions opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessionCount);

    /// <summary>Sessions answered with 421 or 451.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Stalled sessions the client closed before the server went on.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>The next sessions behave as given, in order; later ones accept.</summary>
    public void Plan(params SmtpSession[] sessions)
    {
        foreach (var session in sessions)
        {
            _plan.Enqueue(session);
        }
    }

    /// <summary>Waits until a session stalls; returns its recipients (none when it stalled at the greeting).</summary>
    public async Task<IReadOnlyList<string>> WaitForStallAsync(TimeSpan timeout)
    {
        Assert.True(await _stalled.WaitAsync(timeout), $"No SMTP session stalled within {timeout.TotalSeconds:0} s.");
        Assert.True(_stalls.TryDequeue(out var recipients));
        return recipients;
    }

    /// <summary>Lets every stalled session go on.</summary>
    public void Release() => Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _sessionCount);
            var plan = _plan.TryDequeue(out var next) ? next : SmtpSession.Accept;
            _sessions.Add(ServeAsync(client, plan));
        }
    }

    private async Task ServeAsync(TcpClient client, SmtpSession plan)
    {
        using var _ = client;
        try
        {
            await using var connection = new SmtpConnection(client.GetStream(), _stop.Token);
            await ConverseAsync(connection, plan);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (killed worker, cancelled send) or the server is stopping.
        }
    }

    private async Task ConverseAsync(SmtpConnection connection, SmtpSession plan)
    {
        if (plan == SmtpSession.RefuseAtGreeting)
        {
            Interlocked.Increment(ref _refused);
            await connection.WriteAsync("421 4.3.2 Service not available, try again later");
            return;
        }

        if (plan == SmtpSession.StallAtGreeting && !await StallAsync(connection, []))
        {
            return;
        }

        await connection.WriteAsync("220 fake-smtp.test ESMTP");
        var recipients = new List<string>();
        while (await connection.ReadLineAsync() is { } line)
        {
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await connection.WriteAsync("250 fake-smtp.test");
                    break;
                case "MAIL" or "RSET":
                    recipients.Clear();
                    await connection.WriteAsync("250 2.0.0 OK");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')]);
                    await connection.WriteAsync("250 2.1.5 OK");
                    break;
                case "NOOP":
                    await connection.WriteAsync("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await connection.WriteAsync("221 2.0.0 Bye");
                    return;
                case "DATA":
                    await connection.WriteAsync("354 End data with <CR><LF>.<CR><LF>");
                    var message = await connection.ReadMessageAsync();
                    if (message is null)
                    {
                        return;
                    }

                    if (!await AnswerMessageAsync(connection, plan, [.. recipients], message))
                    {
                        return;
                    }

                    recipients.Clear();
                    break;
                default:
                    await connection.WriteAsync("502 5.5.1 Command not implemented");
                    break;
            }
        }
    }

    private async Task<bool> AnswerMessageAsync(SmtpConnection connection, SmtpSession plan, IReadOnlyList<string> recipients, byte[] message)
    {
        if (plan == SmtpSession.RefuseMessage)
        {
            Interlocked.Increment(ref _refused);
            await connection.WriteAsync("451 4.3.0 Temporary failure, try again later");
            return true;
        }

        _delivered.Enqueue(new DeliveredMail(recipients, MimeMessage.Load(new MemoryStream(message))));
        if (plan == SmtpSession.StallBeforeAccepting && !await StallAsync(connection, recipients))
        {
            return false;
        }

        await connection.WriteAsync("250 2.0.0 OK queued");
        return true;
    }

    /// <returns>False when the client closed the connection during the stall.</returns>
    private async Task<bool> StallAsync(SmtpConnection connection, IReadOnlyList<string> recipients)
    {
        var release = Volatile.Read(ref _release).Task;
        _stalls.Enqueue(recipients);
        _stalled.Release();
        var clientLeft = connection.WaitForClientToLeaveAsync();
        if (await Task.WhenAny(release, clientLeft) == clientLeft && await clientLeft)
        {
            Interlocked.Increment(ref _abandoned);
            return false;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Release();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
        _stalled.Dispose();
    }

    /// <summary>Line-oriented SMTP I/O over one connection (ASCII; messages are kept as bytes).</summary>
    private sealed class SmtpConnection(NetworkStream stream, CancellationToken stop) : IAsyncDisposable
    {
        private readonly StreamReader _reader = new(stream, Encoding.Latin1);
        private Task<string?>? _pending;

        public async Task WriteAsync(string line)
        {
            var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
            await stream.WriteAsync(bytes, stop);
        }

        public Task<string?> ReadLineAsync()
        {
            var next = _pending ?? _reader.ReadLineAsync(stop).AsTask();
            _pending = null;
            return next;
        }

        /// <summary>Completes with true when the client closes the connection; a line read meanwhile is kept for later.</summary>
        public async Task<bool> WaitForClientToLeaveAsync()
        {
            _pending ??= _reader.ReadLineAsync(stop).AsTask();
            return await _pending is null;
        }

        /// <summary>The message after DATA, dot-unstuffed, up to the lone "."; null if the client left first.</summary>
        public async Task<byte[]?> ReadMessageAsync()
        {
            var message = new StringBuilder();
            while (await ReadLineAsync() is { } line)
            {
                if (line == ".")
                {
                    return Encoding.Latin1.GetBytes(message.ToString());
                }

                message.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }

            return null;
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>A delivery the SSRF guard would not send: not https, or a host that is (or resolves to) a non-public address.</summary>
public sealed class DeliveryRefusedException(string message) : HttpRequestException(message)
{
    /// <summary>The refusal somewhere in <paramref name="exception"/>'s chain (the handler wraps what its connect callback throws).</summary>
    public static DeliveryRefusedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DeliveryRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}

/// <summary>
/// The one HttpClient that sends to URLs a company typed in (webhooks, chat): the SSRF guard. Only https; no proxy, no
/// redirects followed (a 3xx is the receiver's answer, not a new target), no cookies, short timeouts. The address check
/// runs in <see cref="SocketsHttpHandler.ConnectCallback"/>, after DNS resolution, on the very socket the request is
/// sent over: every address the host resolves to must be public (<see cref="DeliveryAddressPolicy"/>) and the socket's
/// connected peer is checked again, so a name that resolves to 127.0.0.1 or a DNS answer that changes between a check
/// and the connection (rebinding) cannot reach the internal network. <see cref="DeliveryOptions.AllowUnsafeTargets"/>
/// (Development and tests) turns the scheme and address checks off.
/// </summary>
public sealed class GuardedHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly DeliveryOptions _options;

    public GuardedHttpClient(DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
#pragma warning disable CA2000 // The client owns and disposes the handler.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 64,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = options.RequestTimeout };
#pragma warning restore CA2000
    }

    /// <summary>Why <paramref name="target"/> may not be sent to before any connection is made (scheme, literal address), or null.</summary>
    public string? RefusalOf(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || target.Scheme is not ("https" or "http"))
        {
            return "Only absolute https URLs can receive deliveries.";
        }

        if (_options.AllowUnsafeTargets)
        {
            return null;
        }

        if (target.Scheme != Uri.UriSchemeHttps)
        {
            return "Only https URLs can receive deliveries.";
        }

        return IPAddress.TryParse(target.Host.Trim('[', ']'), out var literal) && !DeliveryAddressPolicy.IsPublic(literal)
            ? $"{target.Host} is not a public address."
            : null;
    }

    /// <summary>Sends <paramref name="request"/> through the guard; a refusal throws <see cref="DeliveryRefusedException"/> (maybe wrapped).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refusal = request.RequestUri is { } target ? RefusalOf(target) : "The request has no URL.";
        if (refusal is not null)
        {
            throw new DeliveryRefusedException(refusal);
        }

        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (!_options.AllowUnsafeTargets && (addresses.Length == 0 || !addresses.All(DeliveryAddressPolicy.IsPublic)))
        {
            // A name with any internal address is refused as a whole: which one a retry would reach is not ours to pick.
            throw new DeliveryRefusedException($"{host} resolves to an address deliveries may not reach ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        }

        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                if (!_options.AllowUnsafeTargets && (socket.RemoteEndPoint is not IPEndPoint peer || !DeliveryAddressPolicy.IsPublic(peer.Address)))
                {
                    throw new DeliveryRefusedException($"{host} connected to an address deliveries may not reach.");
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure ?? new SocketException((int)SocketError.HostNotFound);
    }

    public void Dispose() => _client.Dispose();
}

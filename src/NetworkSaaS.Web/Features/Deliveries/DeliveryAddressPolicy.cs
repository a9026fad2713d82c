using System.Net;
using System.Net.Sockets;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>
/// Which addresses an outgoing delivery may connect to: public unicast only. Refused: unspecified, loopback, private
/// (RFC 1918), CGNAT (100.64/10), link-local (169.254/16 — cloud metadata — and fe80::/10), unique-local (fc00::/7),
/// site-local (fec0::/10), multicast, broadcast and the other reserved IPv4 ranges, and any IPv6 form that carries such
/// an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
/// </summary>
public static class DeliveryAddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // "this network", 0.0.0.0
        || b[0] == 10
        || b[0] == 127
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // CGNAT 100.64/10
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking 198.18/15
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
        || b[0] >= 224); // multicast 224/4, reserved 240/4, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Any.Equals(address) || IPAddress.IPv6Loopback.Equals(address) || b[0] == 0xFF // multicast
            || (b[0] & 0xFE) == 0xFC // unique-local fc00::/7
            || (b[0] == 0xFE && (b[1] & 0xC0) is 0x80 or 0xC0)) // link-local fe80::/10, site-local fec0::/10
        {
            return false;
        }

        if (b.Take(12).All(x => x == 0)) // IPv4-compatible ::a.b.c.d (deprecated)
        {
            return false;
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0)) // NAT64 64:ff9b::/96
        {
            return IsPublicV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02) // 6to4 2002:a.b.c.d::/48
        {
            return IsPublicV4(b[2..6]);
        }

        // Global unicast 2000::/3 only, without the documentation prefix 2001:db8::/32.
        return (b[0] & 0xE0) == 0x20 && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);
    }
}

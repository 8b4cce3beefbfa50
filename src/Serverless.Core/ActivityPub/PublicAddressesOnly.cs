using System.Net;
using System.Net.Sockets;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// Connects only to public addresses. The inbox fetches whatever key a signature names and deliveries go to whatever
/// inbox a follower's actor names: without this, anyone could make the app request its own network (the Azure
/// instance metadata service, storage endpoints, anything on localhost). Checked when connecting, after DNS, so a name
/// that resolves to a private address is refused too (and one that changes between check and use cannot slip through).
/// </summary>
public static class PublicAddressesOnly
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var address = addresses.FirstOrDefault(IsPublic)
            ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} is not on a public address: ActivityPub requests go to public servers only (ActivityPub:AllowPrivateAddresses lifts this on a test network).");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Not loopback, private (RFC 1918, IPv6 unique local), link-local (the metadata service), shared, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }
        var bytes = address.GetAddressBytes();
        return bytes switch
        {
            [0, ..] or [10, ..] or [127, ..] => false,
            [100, >= 64 and <= 127, ..] => false, // shared address space (carrier-grade NAT)
            [169, 254, ..] => false,              // link-local, the instance metadata service among them
            [172, >= 16 and <= 31, ..] => false,
            [192, 168, ..] or [192, 0, 0, _] => false,
            [>= 224, ..] => false,                // multicast and reserved
            _ => true,
        };
    }
}

using System.Net;
using System.Net.Sockets;

namespace Serverless.LocalServer.Hosting;

/// <summary>Another program listens where the server was told to: said in one line, not a stack trace.</summary>
public sealed class PortInUseException(string url, int port, Exception? inner = null)
    : Exception($"Port {port} is already in use, so the server cannot listen on {url}: stop the program using it, or choose another address with --urls (for example --urls http://localhost:{(port == 65535 ? 7072 : port + 1)}).", inner)
{
    public int Port { get; } = port;

    /// <summary>Kestrel could not bind <paramref name="urls"/>; the first one is named.</summary>
    public static PortInUseException ForUrls(string urls, Exception inner)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return new PortInUseException(first, BindingAddress.Parse(first).Port, inner);
    }

    /// <summary>Fails before anything starts (Azurite takes seconds) when a port of <paramref name="urls"/> is taken.</summary>
    public static void ThrowIfAnyTaken(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            if (address.Port == 0)
            {
                continue;
            }
            var ip = address.Host switch
            {
                "localhost" => IPAddress.Loopback,
                "*" or "+" or "0.0.0.0" => IPAddress.Any,
                var host when IPAddress.TryParse(host.Trim('[', ']'), out var parsed) => parsed,
                _ => null,
            };
            if (ip is null)
            {
                continue;
            }
            using var probe = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(ip, address.Port));
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new PortInUseException(url, address.Port, exception);
            }
        }
    }
}

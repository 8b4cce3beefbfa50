using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Http;

namespace Serverless.Core.Discovery;

/// <summary>
/// WebSub: after a feed rebuild, tells the configured hub that the feed changed (<c>hub.mode=publish</c>, one
/// <c>hub.url</c> per feed), so that subscribers get the new items without polling. Sent after every rebuild, changed or
/// not: a redelivery after a crash between the rebuild and the ping finds the feed unchanged and must still ping.
/// </summary>
public sealed partial class WebSubPings(OutboundRequests client, IOptions<DiscoveryOptions> options, ILogger<WebSubPings> logger)
{
    public async Task PingAsync(IReadOnlyList<string> feedUrls, CancellationToken cancellationToken)
    {
        if (options.Value.WebSubHub is not { Length: > 0 } hub)
        {
            return;
        }
        var form = feedUrls.Select(url => new KeyValuePair<string, string>("hub.url", url)).Prepend(new("hub.mode", "publish")).ToList();
        await client.PostAsync(new Uri(hub), () => new FormUrlEncodedContent(form), cancellationToken);
        LogPinged(hub, feedUrls.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSub: {Hub} told of {Count} feeds")]
    private partial void LogPinged(string hub, int count);
}

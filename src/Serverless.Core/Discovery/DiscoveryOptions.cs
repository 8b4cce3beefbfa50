using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Discovery;

/// <summary>
/// Who is told of a publish, bound from the <c>Discovery</c> configuration section. Each is off until configured; the
/// news sitemap needs no setting and is always on.
/// </summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    /// <summary>
    /// The IndexNow key (<c>Discovery:IndexNowKey</c>, environment variable <c>Discovery__IndexNowKey</c>): served at
    /// <c>/{key}.txt</c>, and sent with every submission. Empty: IndexNow is off.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9-]{8,128}$", ErrorMessage = "Discovery:IndexNowKey (Discovery__IndexNowKey) must be 8 to 128 letters, digits or hyphens, as IndexNow requires.")]
    public string? IndexNowKey { get; set; }

    /// <summary>
    /// Where submissions go (<c>Discovery:IndexNowEndpoint</c>): api.indexnow.org shares them with Bing, Yandex, Naver,
    /// Seznam and Yep within seconds. The local server can point it at a test receiver.
    /// </summary>
    [Url(ErrorMessage = "Discovery:IndexNowEndpoint (Discovery__IndexNowEndpoint) must be an absolute http(s) URL.")]
    public string IndexNowEndpoint { get; set; } = "https://api.indexnow.org/indexnow";

    /// <summary>
    /// A WebSub hub (<c>Discovery:WebSubHub</c>, e.g. https://pubsubhubbub.appspot.com/): named in every feed, and told
    /// after each feed rebuild. Empty: WebSub is off.
    /// </summary>
    [Url(ErrorMessage = "Discovery:WebSubHub (Discovery__WebSubHub) must be an absolute http(s) URL.")]
    public string? WebSubHub { get; set; }

    /// <summary>URLs in one IndexNow submission: the protocol's limit.</summary>
    public const int IndexNowBatch = 10_000;

    public bool IndexNowEnabled => !string.IsNullOrEmpty(IndexNowKey);

    public bool WebSubEnabled => !string.IsNullOrEmpty(WebSubHub);
}

using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Serverless.Core.Discovery;
using Serverless.Core.Storage;

namespace Serverless.Core.Rendering;

/// <summary>What a feed says about itself: its title and description, the page it follows and its own address.</summary>
public sealed record FeedChannel(string Title, string Description, string PageUrl, string FeedUrl);

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds of listing rows, written by System.ServiceModel.Syndication's formatters: each entry has the
/// article's title, URL, description, dates, author and tags, and its image as an enclosure. The output depends only on
/// the rows and the channel (no generation time), so a feed rebuilt from the same rows is byte for byte the same.
/// </summary>
public sealed class FeedWriter(SiteUrls urls, SiteLayout layout, IOptions<DiscoveryOptions> discovery)
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".svg"] = "image/svg+xml",
    };

    public byte[] Rss(FeedChannel channel, IReadOnlyList<ListingEntity> articles)
    {
        var feed = Feed(channel, articles, rss: true);
        // RSS has no element for a feed's own address or an author's name: Atom's link and Dublin Core's creator are the usual ones.
        feed.AttributeExtensions.Add(new XmlQualifiedName("atom", "http://www.w3.org/2000/xmlns/"), Atom.NamespaceName);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCore.NamespaceName);
        feed.ElementExtensions.Add(new XElement(Atom + "link", new XAttribute("href", channel.FeedUrl), new XAttribute("rel", "self"), new XAttribute("type", "application/rss+xml")));
        if (discovery.Value.WebSubHub is { Length: > 0 } hub)
        {
            // WebSub discovery: the hub, beside the self link subscribers subscribe to.
            feed.ElementExtensions.Add(new XElement(Atom + "link", new XAttribute("href", hub), new XAttribute("rel", "hub")));
        }
        return Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false));
    }

    public byte[] Atom10(FeedChannel channel, IReadOnlyList<ListingEntity> articles)
    {
        var feed = Feed(channel, articles, rss: false);
        // Atom requires an author for every entry: the site stands for the articles that name none.
        feed.Authors.Add(new SyndicationPerson { Name = layout.Site.Name });
        feed.Links.Add(new SyndicationLink(new Uri(channel.FeedUrl), "self", null, "application/atom+xml", 0));
        if (discovery.Value.WebSubHub is { Length: > 0 } hub)
        {
            feed.Links.Add(new SyndicationLink(new Uri(hub), "hub", null, null, 0));
        }
        return Write(new Atom10FeedFormatter(feed));
    }

    private SyndicationFeed Feed(FeedChannel channel, IReadOnlyList<ListingEntity> articles, bool rss) =>
        new(channel.Title, channel.Description, new Uri(channel.PageUrl), channel.FeedUrl, articles.Count == 0 ? DateTimeOffset.UnixEpoch : articles.Max(Updated))
        {
            Language = layout.Site.DefaultLanguage,
            Items = [.. articles.Select(article => Item(article, rss))],
        };

    private SyndicationItem Item(ListingEntity article, bool rss)
    {
        var url = urls.Article(article.Slug);
        var item = new SyndicationItem(article.Title, (SyndicationContent?)null, new Uri(url), url, Updated(article))
        {
            PublishDate = article.Published,
            Summary = new TextSyndicationContent(article.Description),
        };
        foreach (var tag in article.Tags)
        {
            item.Categories.Add(new SyndicationCategory(tag));
        }
        if (!string.IsNullOrWhiteSpace(article.Author))
        {
            if (rss)
            {
                item.ElementExtensions.Add(new XElement(DublinCore + "creator", article.Author));
            }
            else
            {
                item.Authors.Add(new SyndicationPerson { Name = article.Author });
            }
        }
        if (Enclosure(article.Image, rss) is { } enclosure)
        {
            item.Links.Add(enclosure);
        }
        return item;
    }

    /// <summary>The article's image as an enclosure; its size is unknown, which RSS says with a length of 0.</summary>
    private SyndicationLink? Enclosure(string? image, bool rss)
    {
        if (string.IsNullOrWhiteSpace(image) || !Uri.TryCreate(urls.Absolute(image), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var type = ImageTypes.GetValueOrDefault(Path.GetExtension(uri.AbsolutePath), "application/octet-stream");
        var link = SyndicationLink.CreateMediaEnclosureLink(uri, type, 0);
        if (rss)
        {
            // The formatter leaves out a zero length, but RSS 2.0 requires the attribute.
            link.AttributeExtensions.Add(new XmlQualifiedName("length"), "0");
        }
        return link;
    }

    private static DateTimeOffset Updated(ListingEntity article) => article.Modified > article.Published ? article.Modified : article.Published;

    private static byte[] Write(SyndicationFeedFormatter formatter)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            formatter.WriteTo(writer);
        }
        return stream.ToArray();
    }
}

using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Syndication;

/// <summary>RSS 2.0 and Atom 1.0 from listing rows: what a feed reader needs, and the same bytes for the same rows.</summary>
public sealed class FeedWriterTests
{
    private static readonly FeedWriter Writer = new(Urls, new SiteLayout(Options), Microsoft.Extensions.Options.Options.Create(new Serverless.Core.Discovery.DiscoveryOptions()));
    private static readonly FeedChannel Channel = new(Name, "Latest articles · " + Name, BaseUrl + "/", BaseUrl + "/feed.xml");
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static ListingEntity Row(string slug, string? image = null, string? author = "Jane Doe") => new()
    {
        RowKey = TableKeys.ListingRow(new DateTimeOffset(2024, 12, 20, 9, 30, 0, TimeSpan.Zero), slug),
        Slug = slug,
        Title = "Budget vote <delayed>",
        Description = "The vote moves to next week & the opposition objects.",
        Language = "en",
        Author = author,
        Published = new DateTimeOffset(2024, 12, 20, 9, 30, 0, TimeSpan.Zero),
        Modified = new DateTimeOffset(2024, 12, 21, 10, 0, 0, TimeSpan.Zero),
        Image = image,
        Tags = ["politics", "budget"],
    };

    private static XDocument Xml(byte[] bytes) => XDocument.Parse(Encoding.UTF8.GetString(bytes));

    [Fact]
    public void Rss_item_has_the_articles_url_description_dates_author_and_tags()
    {
        var item = Xml(Writer.Rss(Channel, [Row("budget")])).Root!.Element("channel")!.Element("item")!;

        Assert.Equal(BaseUrl + "/articles/budget", item.Element("link")!.Value);
        Assert.Equal(BaseUrl + "/articles/budget", item.Element("guid")!.Value);
        Assert.Equal("Budget vote <delayed>", item.Element("title")!.Value);
        Assert.Equal("The vote moves to next week & the opposition objects.", item.Element("description")!.Value);
        Assert.Equal("Fri, 20 Dec 2024 09:30:00 Z", item.Element("pubDate")!.Value);
        Assert.Equal("Jane Doe", item.Element(XNamespace.Get("http://purl.org/dc/elements/1.1/") + "creator")!.Value);
        Assert.Equal(["politics", "budget"], item.Elements("category").Select(category => category.Value));
    }

    [Theory]
    [InlineData("/images/budget.jpg", BaseUrl + "/images/budget.jpg", "image/jpeg")]
    [InlineData("https://cdn.example.org/a/b.PNG?w=1200", "https://cdn.example.org/a/b.PNG?w=1200", "image/png")]
    [InlineData("https://cdn.example.org/photo", "https://cdn.example.org/photo", "application/octet-stream")]
    public void Rss_enclosure_is_the_image_at_an_absolute_url_with_its_type_and_a_length(string image, string url, string type)
    {
        var enclosure = Xml(Writer.Rss(Channel, [Row("budget", image)])).Root!.Element("channel")!.Element("item")!.Element("enclosure")!;

        Assert.Equal((url, type, "0"), ((string)enclosure.Attribute("url")!, (string)enclosure.Attribute("type")!, (string)enclosure.Attribute("length")!));
    }

    [Fact]
    public void Rss_names_its_own_address()
    {
        var self = Xml(Writer.Rss(Channel, [])).Root!.Element("channel")!.Element(Atom + "link")!;

        Assert.Equal((BaseUrl + "/feed.xml", "self"), ((string)self.Attribute("href")!, (string)self.Attribute("rel")!));
    }

    [Fact]
    public void Atom_entry_without_author_falls_back_on_the_site()
    {
        var feed = Xml(Writer.Atom10(Channel with { FeedUrl = BaseUrl + "/atom.xml" }, [Row("budget", author: null)])).Root!;

        Assert.Equal(Name, feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Null(feed.Element(Atom + "entry")!.Element(Atom + "author"));
        Assert.Equal("2024-12-21T10:00:00Z", feed.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public void Atom_entry_has_its_summary_dates_and_enclosure()
    {
        var entry = Xml(Writer.Atom10(Channel, [Row("budget", "/images/budget.jpg")])).Root!.Element(Atom + "entry")!;

        Assert.Equal(BaseUrl + "/articles/budget", entry.Element(Atom + "id")!.Value);
        Assert.Equal("The vote moves to next week & the opposition objects.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal(("2024-12-20T09:30:00Z", "2024-12-21T10:00:00Z"), (entry.Element(Atom + "published")!.Value, entry.Element(Atom + "updated")!.Value));
        var enclosure = entry.Elements(Atom + "link").Single(link => (string?)link.Attribute("rel") == "enclosure");
        Assert.Equal(BaseUrl + "/images/budget.jpg", (string)enclosure.Attribute("href")!);
    }

    [Fact]
    public void Both_feeds_load_with_SyndicationFeed()
    {
        foreach (var bytes in new[] { Writer.Rss(Channel, [Row("a"), Row("b", "/i.webp")]), Writer.Atom10(Channel, [Row("a"), Row("b", "/i.webp")]) })
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes));
            Assert.Equal(2, SyndicationFeed.Load(reader).Items.Count());
        }
    }

    [Fact]
    public void Same_rows_make_the_same_bytes()
    {
        Assert.Equal(Writer.Rss(Channel, [Row("a"), Row("b")]), Writer.Rss(Channel, [Row("a"), Row("b")]));
        Assert.Equal(Writer.Atom10(Channel, [Row("a")]), Writer.Atom10(Channel, [Row("a")]));
    }
}

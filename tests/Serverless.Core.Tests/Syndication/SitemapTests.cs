using System.Text;
using System.Xml.Linq;
using Serverless.Core.Rendering;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Tests.Syndication;

/// <summary>Sitemap documents, and the monthly shards' ranges of the newest-first listing.</summary>
public sealed class SitemapTests
{
    private static readonly XNamespace Sitemaps = SitemapWriter.Namespace;

    [Fact]
    public void Lastmod_is_a_w3c_datetime_in_utc() =>
        Assert.Equal("2024-12-20T08:30:00Z", SitemapWriter.W3CDateTime(new DateTimeOffset(2024, 12, 20, 9, 30, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void Url_set_lists_each_address_with_its_lastmod()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SitemapWriter.UrlSet([new SitemapEntry("https://news.example.com/articles/a?x=1&y=2", DateTimeOffset.UnixEpoch)])));

        var url = Assert.Single(xml.Root!.Elements(Sitemaps + "url"));
        Assert.Equal(("https://news.example.com/articles/a?x=1&y=2", "1970-01-01T00:00:00Z"), (url.Element(Sitemaps + "loc")!.Value, url.Element(Sitemaps + "lastmod")!.Value));
    }

    [Fact]
    public void Index_leaves_out_an_unknown_lastmod()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SitemapWriter.Index([new SitemapEntry("https://news.example.com/sitemaps/2024-12.xml", null)])));

        Assert.Equal("sitemapindex", xml.Root!.Name.LocalName);
        Assert.Null(xml.Root.Element(Sitemaps + "sitemap")!.Element(Sitemaps + "lastmod"));
    }

    [Theory]
    [InlineData("2024-12-01T00:00:00Z", true)]
    [InlineData("2024-12-31T23:59:59.9999999Z", true)]
    [InlineData("2024-11-30T23:59:59.9999999Z", false)]
    [InlineData("2025-01-01T00:00:00Z", false)]
    public void Month_range_holds_exactly_the_listing_rows_of_that_month(string published, bool inside)
    {
        var (first, end) = TableKeys.ListingRowsPublishedIn(new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var row = TableKeys.ListingRow(DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), "a-slug");

        Assert.Equal(inside, string.CompareOrdinal(row, first) >= 0 && string.CompareOrdinal(row, end) < 0);
    }

    [Fact]
    public void Listing_row_gives_back_its_publication_time()
    {
        var published = new DateTimeOffset(2024, 12, 20, 9, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(published, TableKeys.PublishedOfListingRow(TableKeys.ListingRow(published, "a-slug")));
    }

    [Theory]
    [InlineData("2024-12", true)]
    [InlineData("2024-13", false)]
    [InlineData("24-12", false)]
    [InlineData("2024-1", false)]
    [InlineData("latest", false)]
    public void Shard_names_are_months(string month, bool valid) => Assert.Equal(valid, SitemapFiles.IsShardName(month));
}

using System.Globalization;
using System.Text;
using System.Xml;

namespace Serverless.Core.Rendering;

/// <summary>An address in a sitemap or a sitemap index, with when it last changed.</summary>
public sealed record SitemapEntry(string Location, DateTimeOffset? LastModified);

/// <summary>Sitemaps (sitemaps.org protocol 0.9): a <c>urlset</c> of pages, and a <c>sitemapindex</c> of sitemaps.</summary>
public static class SitemapWriter
{
    public const string ContentType = "application/xml; charset=utf-8";
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The protocol's limit of addresses in one sitemap (and of sitemaps in one index).</summary>
    public const int MaxEntries = 50_000;

    public static byte[] UrlSet(IEnumerable<SitemapEntry> pages) => Write("urlset", "url", pages);

    public static byte[] Index(IEnumerable<SitemapEntry> sitemaps) => Write("sitemapindex", "sitemap", sitemaps);

    /// <summary>W3C Datetime, in UTC to the second, as the protocol asks.</summary>
    public static string W3CDateTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(string root, string element, IEnumerable<SitemapEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, Namespace);
            foreach (var entry in entries)
            {
                writer.WriteStartElement(element, Namespace);
                writer.WriteElementString("loc", Namespace, entry.Location);
                if (entry.LastModified is { } lastModified)
                {
                    writer.WriteElementString("lastmod", Namespace, W3CDateTime(lastModified));
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return stream.ToArray();
    }
}

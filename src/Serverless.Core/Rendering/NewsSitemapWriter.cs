using System.Text;
using System.Xml;
using Serverless.Core.Storage;

namespace Serverless.Core.Rendering;

/// <summary>
/// A Google News sitemap: a sitemaps.org <c>urlset</c> whose entries carry the news extension
/// (<c>news:publication</c> name and language, <c>news:publication_date</c>, <c>news:title</c>).
/// </summary>
public static class NewsSitemapWriter
{
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>Google reads at most this many entries from one news sitemap.</summary>
    public const int MaxEntries = 1_000;

    public static byte[] UrlSet(string publication, IEnumerable<ListingEntity> articles, Func<string, string> articleUrl, string defaultLanguage)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", SitemapWriter.Namespace);
            writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var article in articles)
            {
                writer.WriteStartElement("url", SitemapWriter.Namespace);
                writer.WriteElementString("loc", SitemapWriter.Namespace, articleUrl(article.Slug));
                writer.WriteStartElement("news", NewsNamespace);
                writer.WriteStartElement("publication", NewsNamespace);
                writer.WriteElementString("name", NewsNamespace, publication);
                writer.WriteElementString("language", NewsNamespace, Language(string.IsNullOrEmpty(article.Language) ? defaultLanguage : article.Language));
                writer.WriteEndElement();
                writer.WriteElementString("publication_date", NewsNamespace, SitemapWriter.W3CDateTime(article.Published));
                writer.WriteElementString("title", NewsNamespace, article.Title);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <summary>The news extension takes ISO 639 codes, and zh-cn or zh-tw for Chinese: a region is dropped otherwise.</summary>
    private static string Language(string language)
    {
        var lower = language.ToLowerInvariant();
        return lower is "zh-cn" or "zh-tw" ? lower : lower.Split('-')[0];
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Serverless.Core.Configuration;
using Serverless.Core.Publishing;
using Serverless.Core.Rendering;
using Serverless.Core.Tests.Parsing;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Publishing;

/// <summary>
/// Stored records and pages are made again only when their version changes, so every change to what the parser or
/// the template outputs must come with a version bump. These pins fail on any such change: bump the constant in
/// PipelineVersion, and add the new output's hash here under the new version.
/// </summary>
public sealed class PipelineVersionTests
{
    private static readonly Dictionary<string, string> ParserOutputs = new()
    {
        ["2"] = "2b3b21cc691c8727",
        // The sample has no heading: unchanged output, but level-1 headings in other articles now render as <h2>.
        ["3"] = "2b3b21cc691c8727",
        // Front matter author_url, author_x, section; French spacing; uploaded images (ImagePath, Images).
        ["4"] = "fa770c287aa44570",
        // The sample has no control character and no autolink in a link: unchanged output, but articles that do now
        // drop control characters and show such an autolink as text.
        ["5"] = "fa770c287aa44570",
        // The sample's output is unchanged, but language detection now reads the words as the terms do (letters and
        // digits, accents folded: "c'est" votes with "est") and only in the first 3,000 characters: a longer article
        // whose opening and rest disagree may now get the language of its opening.
        ["6"] = "fa770c287aa44570",
        // Articles say where their slug comes from (front matter or title: a published one keeps its URL when its title
        // changes), and keep up to 2,000 links rather than 100.
        ["7"] = "91f8231f30a891f9",
        // Unchanged output; the citation rows made from it are keyed newest first, which every article's ingest rewrites.
        ["8"] = "91f8231f30a891f9",
        // Front matter author_fediverse.
        ["9"] = "002086d1c8362097",
        // The sample has no uploaded image: unchanged, but a captioned one is now a figure with its caption.
        ["10"] = "002086d1c8362097",
        // The authors as a list, and no update: the sample's front matter date is its only one.
        ["11"] = "6f4d2b2481624864",
        // Unchanged output; the rows its previous and next find it by (one per tag) are written at ingest.
        ["12"] = "6f4d2b2481624864",
    };

    private static readonly Dictionary<string, string> TemplateOutputs = new()
    {
        ["2"] = "6dd686e3a88bdc80",
        // The full social head: og:image always (article image or versioned card), article:*, twitter:creator, discovery links, JSON-LD author, publisher logo.
        ["3"] = "ba48a7d3c6b8af91",
        // A standalone page cites nothing: unchanged, but "cited in" lists the newest citing articles and counts the others.
        ["4"] = "ba48a7d3c6b8af91",
        // Slack's fields (twitter:label1/data1: reading time; label2/data2: section or author), theme-color, fediverse:creator.
        ["5"] = "311bf1d29ca1b792",
        // The style sheet styles figures and their captions (uploaded images are pictures with srcset: none in the sample).
        ["6"] = "6b3877224b0db9a6",
        // The site's chrome (navigation, search box, footer links, skip link, dark and print styles), the byline linked, tags and share links;
        // the ActivityPub alternate link and the discovery links (merged into the same, unreleased version).
        ["7"] = "fd9f82b24f1c7b6c",
        // Previous/next links in the first tag (none on a standalone page) and their style; fediverse:creator from the author's profile file;
        // the ActivityStreams alternate link only while ActivityPub is on (off in the sample); replies from the fediverse (none).
        ["8"] = "153d553987ec5a90",
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [Fact]
    public void Parser_output_is_pinned_to_the_parser_version() =>
        Assert.Equal((PipelineVersion.Parser, ParserOutputs[PipelineVersion.Parser]),
            (PipelineVersion.Parser, Hash(JsonSerializer.Serialize(TestArticles.Sample))));

    [Fact]
    public void Template_output_is_pinned_to_the_template_version() =>
        Assert.Equal((PipelineVersion.Template, TemplateOutputs[PipelineVersion.Template]),
            (PipelineVersion.Template, Hash(PageRenderer.Render(ArticlePage.Standalone(Article())))));

    [Fact]
    public void Settings_that_do_not_change_the_output_do_not_change_the_versions()
    {
        var site = new SiteOptions { PublicBaseUrl = "https://news.example.com", Name = "News" };
        var cached = new SiteOptions { PublicBaseUrl = "https://news.example.com", Name = "News", CacheSeconds = 600, ServerCacheSeconds = 30 };

        Assert.Equal((new PipelineVersion(site).Ingest, new PipelineVersion(site).Render), (new PipelineVersion(cached).Ingest, new PipelineVersion(cached).Render));
    }

    [Fact]
    public void Settings_pages_show_change_the_render_version_only()
    {
        var site = new SiteOptions { PublicBaseUrl = "https://news.example.com", Name = "News" };
        var renamed = new SiteOptions { PublicBaseUrl = "https://news.example.com", Name = "Daily News" };

        Assert.NotEqual(new PipelineVersion(site).Render, new PipelineVersion(renamed).Render);
        Assert.Equal(new PipelineVersion(site).Ingest, new PipelineVersion(renamed).Ingest);
    }

    [Fact]
    public void Default_language_changes_the_ingest_version() =>
        Assert.NotEqual(
            new PipelineVersion(new SiteOptions { PublicBaseUrl = "https://a.example", Name = "A", DefaultLanguage = "en" }).Ingest,
            new PipelineVersion(new SiteOptions { PublicBaseUrl = "https://a.example", Name = "A", DefaultLanguage = "fr" }).Ingest);

    [Fact]
    public void Article_size_limit_changes_the_ingest_version_so_that_a_raised_limit_publishes_what_it_refused() =>
        Assert.NotEqual(
            new PipelineVersion(new SiteOptions { PublicBaseUrl = "https://a.example", Name = "A" }).Ingest,
            new PipelineVersion(new SiteOptions { PublicBaseUrl = "https://a.example", Name = "A", MaxArticleBytes = 4 * 1024 * 1024 }).Ingest);
}

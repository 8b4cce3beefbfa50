using Serverless.Core.Articles;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Images uploaded beside an article, named by a relative path in the body or the front matter.</summary>
public sealed class ImageReferenceTests
{
    private const string SonyArticle = "2014/sony/article.md";

    private static Article InSony(string text) => Parse(text, name: SonyArticle);

    private static string Resolved(Article article, Func<int, PublishedImage?> imageOf) => BodyImages.Resolve(article.BodyHtml, imageOf);

    [Fact]
    public void Relative_image_becomes_a_reference_to_the_blob_beside_the_article()
    {
        var article = InSony("# Sony\n\n![Affiche](poster.jpg)");

        var image = Assert.Single(article.Images);
        Assert.Equal(new ArticleImage("2014/sony/poster.jpg", "Affiche"), image);
        Assert.Contains("<img data-image=\"0\" alt=\"Affiche\">", article.BodyHtml, StringComparison.Ordinal);
        Assert.Empty(article.Warnings);
    }

    [Theory]
    [InlineData("../shared/map.png", "2014/shared/map.png")]
    [InlineData("./img/a.webp", "2014/sony/img/a.webp")]
    [InlineData("img/Grand%20plan.GIF", "2014/sony/img/Grand plan.GIF")]
    [InlineData("poster.jpeg?v=2", "2014/sony/poster.jpeg")]
    public void Relative_paths_are_normalised_from_the_articles_folder(string url, string path) =>
        Assert.Equal(path, Assert.Single(InSony($"# Sony\n\n![x]({url})").Images).Path);

    [Theory]
    [InlineData("https://cdn.example.com/poster.jpg")]
    [InlineData("/images/poster.jpg")]
    [InlineData("diagram.svg")]
    public void Absolute_root_relative_and_other_files_are_left_as_written(string url)
    {
        var article = InSony($"# Sony\n\n![Affiche]({url})");

        Assert.Empty(article.Images);
        Assert.Contains($"<img src=\"{url}\" alt=\"Affiche\"", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_leaving_the_container_is_not_a_reference() =>
        Assert.Empty(InSony("# Sony\n\n![x](../../../poster.jpg)").Images);

    [Fact]
    public void Resolved_image_has_its_public_url_and_size_and_a_missing_one_keeps_its_alt_text()
    {
        var article = InSony("# Sony\n\n![L'affiche <officielle>](poster.jpg) et ![carte](map.png)");

        var html = Resolved(article, index => index == 0 ? new PublishedImage("https://news.example.com/media/abc/poster.jpg", 800, 600, "image/jpeg") : null);

        Assert.Contains("<img src=\"https://news.example.com/media/abc/poster.jpg\" width=\"800\" height=\"600\" alt=\"L'affiche &lt;officielle&gt;\" fetchpriority=\"high\">", html, StringComparison.Ordinal);
        Assert.Contains("et carte</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-image", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_inside_a_link_is_resolved_and_the_link_kept()
    {
        var article = InSony("# Sony\n\n[![Affiche](poster.jpg)](https://example.com/film)");

        var html = Resolved(article, _ => new PublishedImage("https://news.example.com/media/h/poster.jpg", 1, 2, "image/jpeg"));

        Assert.Contains("<a href=\"https://example.com/film\"><img src=\"https://news.example.com/media/h/poster.jpg\" width=\"1\" height=\"2\" alt=\"Affiche\" fetchpriority=\"high\"></a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_image_with_a_relative_path_names_the_uploaded_file()
    {
        var article = InSony("---\ntitle: Sony\nimage: poster.jpg\nimage_alt: Affiche du film\n---\nBody text.");

        Assert.Equal("2014/sony/poster.jpg", article.ImagePath);
        Assert.Null(article.Image);
        Assert.Equal("Affiche du film", article.ImageAlt);
    }

    [Theory]
    [InlineData("https://cdn.example.com/poster.jpg")]
    [InlineData("/images/poster.jpg")]
    public void Front_matter_image_url_stays_a_url(string url)
    {
        var article = InSony($"---\ntitle: Sony\nimage: {url}\n---\nBody text.");

        Assert.Equal(url, article.Image);
        Assert.Null(article.ImagePath);
    }

    [Fact]
    public void Images_shown_are_indexed_so_the_page_follows_them()
    {
        var article = InSony("---\ntitle: Sony\nimage: poster.jpg\n---\n![a](poster.jpg) ![b](map.png)");
        var record = new Storage.ArticleEntity { PartitionKey = article.Slug };
        ArticleRecords.Fill(record, article, SonyArticle, LastModified, "body", "hash", new Dictionary<string, double>(), weighedCorpus: 0);

        var keys = ArticleRecords.IndexEntries(record).Where(entry => entry.Table == Storage.IndexTable.Citations).Select(entry => entry.Entity.PartitionKey);

        Assert.Equal([ReferenceKeys.Media("2014/sony/poster.jpg"), ReferenceKeys.Media("2014/sony/map.png")], keys);
    }
}

using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>Served pages as real clients see them: a validator and a social-card scraper.</summary>
public sealed class PageClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<string> PublishAndGetAsync(string blobName, string content, string slug)
    {
        Assert.Equal(PublishStatus.Published, (await _site.PublishAsync(blobName, content)).Status);
        var context = _site.NewHttpContext("/articles/" + slug);
        var page = await HttpResponseSnapshot.ExecuteAsync(await new PageFunctions(_site.Get<PageHandlers>()).GetArticlePage(context.Request, slug, Cancellation), context);
        Assert.Equal(200, page.StatusCode);
        return page.Body;
    }

    [Fact]
    public async Task Sample_page_is_valid_html_and_scrapers_read_its_social_tags()
    {
        var check = await PageCheck.RunAsync(await PublishAndGetAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName), Samples.SonySlug));

        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.Equal("Sony Pictures : Anonymous et BitTorrent prêts à diffuser The Interview ?", check.Tag("ogTitle"));
        Assert.Equal("article", check.Tag("ogType"));
        Assert.Equal($"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}", check.Tag("ogUrl"));
        Assert.Equal("fr_FR", check.Tag("ogLocale"));
        Assert.Equal("Serverless News", check.Tag("ogSiteName"));
        Assert.Equal("summary_large_image", check.Tag("twitterCard"));
        Assert.Equal("@serverlessnews", check.Tag("twitterSite"));
        Assert.StartsWith("La décision de ne pas diffuser le film «\u202FThe Interview\u202F»", check.Tag("ogDescription"));
        Assert.Equal("NewsArticle", check.Social.GetProperty("jsonLD")[0].GetProperty("@type").GetString());
    }

    [Fact]
    public async Task Sample_preview_shows_title_plain_french_description_locale_large_image_and_date()
    {
        var check = await PageCheck.RunAsync(await PublishAndGetAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName), Samples.SonySlug));

        var description = check.Tag("ogDescription")!;
        Assert.DoesNotMatch(@"&[a-z]+;|&#|[*_<>\[\]]", description);
        Assert.True(description.Length <= 200, description);
        var image = check.Social.GetProperty("ogImage")[0];
        Assert.StartsWith($"{TestSite.PublicBaseUrl}/og/{Samples.SonySlug}.png?v=", image.GetProperty("url").GetString());
        Assert.Equal(("1200", "630", "image/png"), (image.GetProperty("width").ToString(), image.GetProperty("height").ToString(), image.GetProperty("type").GetString()));
        Assert.Equal("Sony Pictures : Anonymous et BitTorrent prêts à diffuser The Interview ?", image.GetProperty("alt").GetString());
        Assert.Equal(image.GetProperty("url").GetString(), check.Social.GetProperty("twitterImage")[0].GetProperty("url").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$", check.Tag("articlePublishedTime"));
        Assert.Equal("fr_FR", check.Tag("ogLocale"));
    }

    [Fact]
    public async Task Front_matter_page_with_image_is_valid_and_shares_an_absolute_large_image()
    {
        var html = await PublishAndGetAsync("with-image.md",
            Samples.FrontMatterArticle("A picture worth sharing", extra: "image: /media/card.jpg"), "a-picture-worth-sharing");

        var check = await PageCheck.RunAsync(html);

        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.Equal("summary_large_image", check.Tag("twitterCard"));
        Assert.Equal($"{TestSite.PublicBaseUrl}/media/card.jpg", check.Social.GetProperty("ogImage")[0].GetProperty("url").GetString());
        Assert.Equal("en_US", check.Tag("ogLocale"));
    }

    [Fact]
    public async Task Script_in_an_article_is_shown_as_text_and_the_page_stays_valid()
    {
        var html = await PublishAndGetAsync("hostile.md",
            "# Hostile </script><script>alert(1)</script>\n\n<script>alert(2)</script> and <img src=x onerror=alert(3)> and [click](javascript:alert(4)).",
            "hostile-script-script-alert-1-script");

        var check = await PageCheck.RunAsync(html);

        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Equal(1, html.Split("</script>").Length - 1); // only the JSON-LD block's own end tag
    }
}

using System.Text.Json;
using Serverless.Core.Http;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary><c>GET /oembed</c>: oEmbed 1.0 for this site's article URLs, and nothing else.</summary>
public sealed class OembedTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
    private static string ArticleUrl(string slug) => $"{TestSite.PublicBaseUrl}/articles/{slug}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<HttpResponseSnapshot> GetAsync(string query)
    {
        var context = _site.NewHttpContext("/oembed" + query);
        return await HttpResponseSnapshot.ExecuteAsync(await new ApiFunctions(_site.Get<ApiHandlers>()).GetOembed(context.Request, Cancellation), context);
    }

    [Fact]
    public async Task Article_url_gets_a_link_answer_with_the_share_image_as_thumbnail()
    {
        await _site.PublishAsync("embed.md", Samples.FrontMatterArticle("Embed me", extra: "slug: embed-me"));

        var response = await GetAsync($"?url={Uri.EscapeDataString(ArticleUrl("embed-me"))}&format=json");

        Assert.Equal(200, response.StatusCode);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal(("link", "1.0", "Embed me", "Jane Doe", "Serverless News", TestSite.PublicBaseUrl + "/"),
            (root.GetProperty("type").GetString(), root.GetProperty("version").GetString(), root.GetProperty("title").GetString(),
             root.GetProperty("author_name").GetString(), root.GetProperty("provider_name").GetString(), root.GetProperty("provider_url").GetString()));
        Assert.StartsWith($"{TestSite.PublicBaseUrl}/og/embed-me.png?v=", root.GetProperty("thumbnail_url").GetString());
        Assert.Equal((1200, 630), (root.GetProperty("thumbnail_width").GetInt32(), root.GetProperty("thumbnail_height").GetInt32()));
    }

    [Theory]
    [InlineData("https://elsewhere.example.org/articles/embed-me")]
    [InlineData("https://news.example.com/articles/never-published")]
    [InlineData("https://news.example.com/api/articles")]
    public async Task Url_that_is_not_a_published_article_of_this_site_gets_404(string url) =>
        Assert.Equal(404, (await GetAsync($"?url={Uri.EscapeDataString(url)}")).StatusCode);

    [Fact]
    public async Task Xml_format_is_not_offered_and_gets_501() =>
        Assert.Equal(501, (await GetAsync($"?url={Uri.EscapeDataString(ArticleUrl("embed-me"))}&format=xml")).StatusCode);

    [Fact]
    public async Task Missing_url_gets_400() =>
        Assert.Equal(400, (await GetAsync("?format=json")).StatusCode);
}

/// <summary><c>GET /logo.png</c>: the publisher logo that structured data names.</summary>
public sealed class SiteLogoTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Logo_is_a_512_pixel_png_with_a_validator()
    {
        var context = _site.NewHttpContext("/logo.png");
        var result = new PageFunctions(_site.Get<PageHandlers>()).GetLogo(context.Request);
        await result.ExecuteAsync(context);

        var png = Serverless.Core.Rendering.SiteLogo.Png.ToArray();
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("image/png", context.Response.ContentType);
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.ETag.ToString()));
        // The PNG header's IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal((512, 512), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }
}

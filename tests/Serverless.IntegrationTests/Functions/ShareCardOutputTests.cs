using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Admin;
using Serverless.Core.Configuration;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Render.Outputs;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Share cards through both stages on Azurite: drawn once when an article is published, stored by
/// version with immutable headers, served by the HTTP function from storage, replaced when what they show changes,
/// and removed with the article.
/// </summary>
public sealed class ShareCardOutputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Slug = "budget-vote-delayed";
    private const string BlobName = "budget.md";

    // Cards are read right after each render: no in-memory cache in between.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private BlobContainerClient Cards => _site.Get<StorageClients>().Cards;

    private static string Article(string title = "Budget vote delayed", string extra = "", string body = "A first paragraph with enough words to describe the article well.") =>
        Samples.FrontMatterArticle(title, body, extra: "slug: " + Slug + "\n" + extra);

    private async Task<StoredArticle> RecordAsync(string slug = Slug) =>
        (await _site.Get<ArticleRepository>().GetStoredArticleAsync(slug, Cancellation))!;

    private async Task<List<string>> StoredCardsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Cards.GetBlobsAsync(cancellationToken: Cancellation))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private async Task<(int Status, IHeaderDictionary Headers, byte[] Body)> GetCardAsync(string slug, string? version = null, string method = "GET", params (string Name, string Value)[] headers)
    {
        var context = _site.NewHttpContext($"/og/{slug}.png" + (version is null ? string.Empty : "?v=" + version), headers);
        context.Request.Method = method;
        var result = await new ShareCardFunctions(_site.Get<ShareCardHandlers>()).GetShareCard(context.Request, slug, Cancellation);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.Headers, ((MemoryStream)context.Response.Body).ToArray());
    }

    [Fact]
    public async Task Publishing_an_article_without_an_image_stores_its_card_by_version_with_immutable_headers()
    {
        await _site.PublishAsync(BlobName, Article());

        var record = await RecordAsync();
        var version = ShareCardRenderer.VersionOf(record, _site.Get<SiteOptions>());
        Assert.Equal(version, record.Outputs.ShareCardVersion);
        Assert.Equal([$"{Slug}/{version}.png"], await StoredCardsAsync());
        var properties = (await Cards.GetBlobClient($"{Slug}/{version}.png").GetPropertiesAsync(cancellationToken: Cancellation)).Value;
        Assert.Equal(("image/png", "public, max-age=31536000, immutable"), (properties.ContentType, properties.CacheControl));
    }

    [Fact]
    public async Task Card_url_of_the_current_version_answers_the_png_immutable_for_a_year()
    {
        await _site.PublishAsync(BlobName, Article());
        var version = (await RecordAsync()).Outputs.ShareCardVersion!;

        var (status, headers, body) = await GetCardAsync(Slug, version);

        Assert.Equal(200, status);
        Assert.Equal("image/png", headers.ContentType.ToString());
        Assert.Equal("public, max-age=31536000, immutable", headers.CacheControl.ToString());
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Matches("^\"[0-9a-f]{32}\"$", headers.ETag.ToString());
        using var bitmap = SKBitmap.Decode(body);
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
        Assert.Equal(ShareCardRenderer.Render(ShareCardContent.For(await RecordAsync(), _site.Get<SiteOptions>())), body);
    }

    [Fact]
    public async Task Card_url_without_the_current_version_answers_the_card_with_the_short_cache()
    {
        await _site.PublishAsync(BlobName, Article());

        var (withoutVersion, headers, _) = await GetCardAsync(Slug);
        var (otherVersion, otherHeaders, _) = await GetCardAsync(Slug, "0123456789abcdef");

        Assert.Equal((200, 200), (withoutVersion, otherVersion));
        Assert.Equal("public, max-age=60, stale-while-revalidate=300", headers.CacheControl.ToString());
        Assert.Equal("public, max-age=60, stale-while-revalidate=300", otherHeaders.CacheControl.ToString());
    }

    [Fact]
    public async Task Card_answers_304_to_its_etag_and_head_without_a_body()
    {
        await _site.PublishAsync(BlobName, Article());
        var (_, headers, _) = await GetCardAsync(Slug);

        var (notModified, _, notModifiedBody) = await GetCardAsync(Slug, headers: ("If-None-Match", headers.ETag.ToString()));
        var (head, headHeaders, headBody) = await GetCardAsync(Slug, method: "HEAD");

        Assert.Equal((304, 0), (notModified, notModifiedBody.Length));
        Assert.Equal((200, 0, "image/png"), (head, headBody.Length, headHeaders.ContentType.ToString()));
    }

    [Fact]
    public async Task A_render_that_changes_nothing_on_the_card_makes_no_card_request()
    {
        await _site.PublishAsync(BlobName, Article());
        var card = Cards.GetBlobClient($"{Slug}/{(await RecordAsync()).Outputs.ShareCardVersion}.png");
        var before = (await card.GetPropertiesAsync(cancellationToken: Cancellation)).Value.ETag;

        // Another article citing this one renders its page again (a "cited in" entry), with the same card.
        await _site.TriggerIngestAsync(await _site.UploadAsync("citing.md", Samples.FrontMatterArticle("The opposition reacts", $"It follows [the vote]({Slug}).")));
        var results = await _site.DrainRenderQueueAsync();
        var record = await RecordAsync();
        Assert.Contains(new RenderResult(Slug, RenderStatus.Rendered), results);
        Assert.Single(record.Outputs.Rendered.Backlinks);
        Assert.Equal(before, (await card.GetPropertiesAsync(cancellationToken: Cancellation)).Value.ETag);

        // Applied again to the same record, as after a crash: not one storage request.
        var output = _site.Get<IEnumerable<IArticleOutput>>().OfType<ShareCardOutput>().Single();
        _site.Requests.Reset();
        await output.ApplyAsync(record, record.Outputs.ShareCardVersion, record.Outputs.Pending ?? new PendingWork([], [], []), Cancellation);
        Assert.Equal(0, _site.Requests.Total);
    }

    [Fact]
    public async Task A_new_title_draws_a_new_card_and_deletes_the_old_one_whose_url_then_gets_the_new_card_briefly()
    {
        await _site.PublishAsync(BlobName, Article());
        var old = (await RecordAsync()).Outputs.ShareCardVersion!;

        await _site.PublishAsync(BlobName, Article("Budget vote delayed again"));

        var current = (await RecordAsync()).Outputs.ShareCardVersion!;
        Assert.NotEqual(old, current);
        Assert.Equal([$"{Slug}/{current}.png"], await StoredCardsAsync());
        var (status, headers, body) = await GetCardAsync(Slug, old);
        Assert.Equal((200, "public, max-age=60, stale-while-revalidate=300"), (status, headers.CacheControl.ToString()));
        Assert.Equal((await Cards.GetBlobClient($"{Slug}/{current}.png").DownloadContentAsync(Cancellation)).Value.Content.ToArray(), body);
    }

    [Fact]
    public async Task An_article_with_an_image_of_its_own_keeps_a_card_for_its_structured_data()
    {
        await _site.PublishAsync(BlobName, Article(extra: "image: /media/vote.jpg"));

        var version = (await RecordAsync()).Outputs.ShareCardVersion;

        Assert.NotNull(version);
        Assert.Single(await StoredCardsAsync());
        Assert.Equal(200, (await GetCardAsync(Slug, version)).Status);
    }

    [Fact]
    public async Task Deleting_the_article_removes_its_card()
    {
        await _site.PublishAsync(BlobName, Article());
        var version = (await RecordAsync()).Outputs.ShareCardVersion!;

        await _site.Articles.DeleteBlobAsync(BlobName, cancellationToken: Cancellation);
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();

        Assert.Empty(await StoredCardsAsync());
        Assert.Null((await RecordAsync()).Outputs.ShareCardVersion);
        var (status, headers, _) = await GetCardAsync(Slug, version);
        Assert.Equal((404, "no-cache"), (status, headers.CacheControl.ToString()));
    }

    [Theory]
    [InlineData("no-such-article")]
    [InlineData("Not A Slug")]
    public async Task Unknown_or_invalid_slug_answers_404(string slug) =>
        Assert.Equal(404, (await GetCardAsync(slug)).Status);
}

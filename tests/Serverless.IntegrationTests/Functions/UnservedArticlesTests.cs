using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Only served articles are syndicated: a draft, a failed first upload and a deleted article appear in no feed, no
/// sitemap and no tag page, beside a served article of the same tag and month that does.
/// </summary>
public sealed class UnservedArticlesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Tag = "azure";
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    public async ValueTask InitializeAsync() =>
        await _site.PublishAsync("served.md", Samples.Article("The served story", "2024-12-02T08:00:00Z", $"[{Tag}]", "slug: served"));

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>Every output that lists articles (the sitemap index lists shards), as readers and crawlers get them.</summary>
    private async Task<IReadOnlyList<string>> OutputsAsync()
    {
        string[] paths = ["/feed.xml", "/atom.xml", "/sitemaps/2024-12.xml", $"/tags/{Tag}", $"/tags/{Tag}/feed.xml"];
        var responses = new List<string>();
        foreach (var path in paths)
        {
            var response = await _site.GetSiteFileAsync(path);
            Assert.True(response.StatusCode == 200, $"{path} answered {response.StatusCode}");
            responses.Add(response.Body);
        }
        return responses;
    }

    [Fact]
    public async Task Draft_appears_in_no_output()
    {
        var result = await _site.PublishAsync("draft.md", Samples.Article("The draft story", "2024-12-03T08:00:00Z", $"[{Tag}]", "slug: draft-story\ndraft: true"));

        Assert.Equal(PublishStatus.Draft, result.Status);
        Assert.All(await OutputsAsync(), output => Assert.DoesNotContain("draft-story", output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_first_upload_appears_in_no_output()
    {
        var result = await _site.PublishAsync("broken.md", "---\ntitle: [unclosed\ntags: [azure]\n---\nBody of the broken story.");

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.All(await OutputsAsync(), output => Assert.DoesNotContain("broken", output, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Deleted_article_leaves_every_output()
    {
        var blob = await _site.UploadAsync("deleted.md", Samples.Article("The deleted story", "2024-12-04T08:00:00Z", $"[{Tag}]", "slug: deleted-story"));
        await _site.TriggerIngestAsync(blob);
        await _site.DrainRenderQueueAsync();
        Assert.All(await OutputsAsync(), output => Assert.Contains("deleted-story", output, StringComparison.Ordinal));

        await blob.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _site.TriggerIngestAsync(blob);
        await _site.DrainRenderQueueAsync();

        Assert.All(await OutputsAsync(), output => Assert.DoesNotContain("deleted-story", output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Article_made_a_draft_leaves_every_output()
    {
        await _site.PublishAsync("later.md", Samples.Article("The withdrawn story", "2024-12-04T08:00:00Z", $"[{Tag}]", "slug: withdrawn"));

        await _site.PublishAsync("later.md", Samples.Article("The withdrawn story", "2024-12-04T08:00:00Z", $"[{Tag}]", "slug: withdrawn\ndraft: true"));

        Assert.All(await OutputsAsync(), output => Assert.DoesNotContain("withdrawn", output, StringComparison.Ordinal));
    }
}

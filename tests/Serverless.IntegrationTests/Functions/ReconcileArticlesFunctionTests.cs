using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Functions.Http;
using Serverless.Functions.Triggers;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The timer function: the safety net that catches missed events and deletions.</summary>
public sealed class ReconcileArticlesFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>The timer function's pass, then the renders it caused, as the queue trigger runs them.</summary>
    private async Task<ReconcileReport> ReconcileAsync()
    {
        var report = await new ReconcileArticlesFunction(_site.Get<ArticleReconciler>()).ReconcileArticles(new Microsoft.Azure.Functions.Worker.TimerInfo(), Cancellation);
        await _site.DrainRenderQueueAsync();
        return report;
    }

    private async Task<int> PageStatusAsync(string slug)
    {
        var context = _site.NewHttpContext("/articles/" + slug);
        var result = await new PageFunctions(_site.Get<PageHandlers>()).GetArticlePage(context.Request, slug, Cancellation);
        return (await HttpResponseSnapshot.ExecuteAsync(result, context)).StatusCode;
    }

    [Fact]
    public async Task Blobs_no_event_announced_are_published()
    {
        await _site.UploadAsync("missed.md", Samples.FrontMatterArticle("Missed by Event Grid", extra: "slug: missed"));

        var report = await ReconcileAsync();

        Assert.Equal(1, report.Published);
        Assert.Equal(200, await PageStatusAsync("missed"));
    }

    [Fact]
    public async Task Re_upload_of_unchanged_content_writes_nothing()
    {
        var content = Samples.FrontMatterArticle("Uploaded twice", extra: "slug: twice");
        await _site.UploadAsync("twice.md", content);
        await ReconcileAsync();
        await _site.UploadAsync("twice.md", content); // new ETag, same bytes
        _site.Requests.Reset();

        var report = await ReconcileAsync();

        Assert.Empty(report.Results);
        Assert.Equal(0, _site.Requests.Writes);
    }

    [Fact]
    public async Task Changed_content_is_republished()
    {
        await _site.UploadAsync("changing.md", Samples.FrontMatterArticle("Changing story", extra: "slug: changing"));
        await ReconcileAsync();
        await _site.UploadAsync("changing.md", Samples.FrontMatterArticle("Changing story", body: "An updated first paragraph, rewritten.", extra: "slug: changing"));

        var report = await ReconcileAsync();

        Assert.Equal(1, report.Published);
        var article = await _site.Get<Serverless.Core.Storage.ArticleRepository>().GetArticleAsync("changing", Cancellation);
        Assert.Equal("An updated first paragraph, rewritten.", article?.Description);
    }

    [Fact]
    public async Task Deleted_blob_unpublishes_its_article_with_410()
    {
        await _site.UploadAsync("doomed.md", Samples.FrontMatterArticle("Soon gone", extra: "slug: doomed"));
        await ReconcileAsync();
        await _site.Articles.DeleteBlobAsync("doomed.md", cancellationToken: Cancellation);

        var report = await ReconcileAsync();

        Assert.Equal(1, report.Removed);
        Assert.Equal(410, await PageStatusAsync("doomed"));
        var (listing, _) = await _site.Get<Serverless.Core.Storage.ArticlesByDate>().ListAsync(10, null, Cancellation);
        Assert.Empty(listing);
    }

    [Fact]
    public async Task Failed_upload_is_not_retried_until_its_content_changes()
    {
        await _site.UploadAsync("broken.md", "---\ntitle: [\n---\n");
        Assert.Equal(1, (await ReconcileAsync()).Failed);
        _site.Requests.Reset();

        var again = await ReconcileAsync();

        Assert.Empty(again.Results);
        Assert.Equal(0, _site.Requests.Writes);
    }

    [Fact]
    public async Task Changed_slug_answers_the_old_one_with_301()
    {
        await _site.UploadAsync("renamed.md", Samples.FrontMatterArticle("Renamed", extra: "slug: old-name"));
        await ReconcileAsync();
        await _site.UploadAsync("renamed.md", Samples.FrontMatterArticle("Renamed", extra: "slug: new-name"));
        await ReconcileAsync();

        var context = _site.NewHttpContext("/articles/old-name");
        var response = await HttpResponseSnapshot.ExecuteAsync(
            await new PageFunctions(_site.Get<PageHandlers>()).GetArticlePage(context.Request, "old-name", Cancellation), context);

        Assert.Equal(301, response.StatusCode);
        Assert.Equal("/articles/new-name", response.Headers.Location.ToString());
        Assert.Equal(200, await PageStatusAsync("new-name"));
    }

    [Fact]
    public async Task Draft_is_not_served()
    {
        await _site.UploadAsync("draft.md", Samples.FrontMatterArticle("Not yet", extra: "draft: true"));

        var report = await ReconcileAsync();

        Assert.Equal(PublishStatus.Draft, Assert.Single(report.Results).Status);
        Assert.Equal(404, await PageStatusAsync("not-yet"));
    }
}

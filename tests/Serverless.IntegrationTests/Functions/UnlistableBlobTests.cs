using Azure.Storage.Blobs.Models;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A blob storage cannot list (Azurite answers 500 for every listing page holding a name with a control character)
/// never stalls the reconciliation of the others, and its author is told what to do.
/// </summary>
public sealed class UnlistableBlobTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Bell = "bell\u0007.md";
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<ReconcileReport> ReconcileAsync()
    {
        var report = await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();
        return report;
    }

    private static string Article(string title) => Samples.FrontMatterArticle(title, extra: "slug: " + title.ToLowerInvariant().Replace(' ', '-'));

    private async Task<IReadOnlyList<string>> ListNamesAsync(string? prefix, int pageSize)
    {
        var names = new List<string>();
        await foreach (var page in _site.Get<StorageClients>().ArticlesProbe.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, Cancellation).AsPages(pageSizeHint: pageSize))
        {
            names.AddRange(page.Values.Select(blob => blob.Name));
        }
        return names;
    }

    [Fact]
    public async Task Azurite_fails_any_listing_page_holding_a_control_character_name_and_no_other()
    {
        await _site.UploadAsync("a.md", Article("First"));
        await _site.UploadAsync(Bell, Article("Bell"));
        await _site.UploadAsync("c.md", Article("Third"));

        await Assert.ThrowsAnyAsync<Exception>(() => ListNamesAsync(null, 5000));
        await Assert.ThrowsAnyAsync<Exception>(() => ListNamesAsync("b", 5000));
        Assert.Equal(["a.md"], await ListNamesAsync("a", 5000));
        Assert.Equal(["c.md"], await ListNamesAsync("c", 5000));
        var pages = new List<string>();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var page in _site.Get<StorageClients>().ArticlesProbe.GetBlobsAsync(cancellationToken: Cancellation).AsPages(pageSizeHint: 1))
            {
                pages.AddRange(page.Values.Select(blob => blob.Name));
            }
        });
        Assert.Equal(["a.md"], pages);
        Assert.True((await _site.Articles.GetBlobClient(Bell).GetPropertiesAsync(cancellationToken: Cancellation)).Value.ContentLength > 0);
    }

    [Fact]
    public async Task Missed_uploads_and_deletions_around_an_unlistable_blob_are_reconciled()
    {
        await _site.PublishAsync(Bell, Article("Bell"));
        await _site.PublishAsync("doomed.md", Article("Doomed"));
        await _site.UploadAsync("a-missed.md", Article("Early"));
        await _site.UploadAsync("z-missed.md", Article("Late"));
        await _site.Articles.DeleteBlobAsync("doomed.md", cancellationToken: Cancellation);

        var report = await ReconcileAsync();

        Assert.Equal((2, 1), (report.Published, report.Removed));
        Assert.Equal(Bell, Assert.Single(report.Unlistable!).Name);
        Assert.Equal((200, 200, 410), ((await _site.GetPageAsync("early")).StatusCode, (await _site.GetPageAsync("late")).StatusCode, (await _site.GetPageAsync("doomed")).StatusCode));
    }

    [Fact]
    public async Task Unlistable_blob_fails_with_a_message_to_rename_or_delete_it_in_status_and_failures()
    {
        await _site.PublishAsync(Bell, Article("Bell"));

        await ReconcileAsync();

        var status = await _site.Get<PublicationStatusReader>().ForBlobAsync(Bell, Cancellation);
        Assert.Equal(PublicationState.Failed, status!.State);
        Assert.Contains("Rename the blob", status.Message);
        Assert.True(status.PreviousVersionServed);
        var failure = Assert.Single(await AdminListings.AllAsync(_site.Get<FailureReport>().ListAsync));
        Assert.Equal((FailureKind.Source, Bell), (failure.Kind, failure.BlobName));
    }

    [Fact]
    public async Task Unlistable_blob_uploaded_without_an_event_is_still_ingested()
    {
        await _site.UploadAsync(Bell, Article("Bell"));

        var report = await ReconcileAsync();

        Assert.Equal(PublishStatus.Published, Assert.Single(report.Results).Status);
        Assert.Equal(200, (await _site.GetPageAsync("bell")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_unlistable_blob_unpublishes_it_and_clears_its_failure()
    {
        await _site.PublishAsync(Bell, Article("Bell"));
        await ReconcileAsync();
        await _site.Articles.DeleteBlobAsync(Bell, cancellationToken: Cancellation);

        var report = await ReconcileAsync();

        Assert.Equal(PublishStatus.Removed, Assert.Single(report.Results).Status);
        Assert.Empty(report.Unlistable!);
        Assert.Equal(410, (await _site.GetPageAsync("bell")).StatusCode);
        Assert.Empty(await AdminListings.AllAsync(_site.Get<FailureReport>().ListAsync));
    }

    [Fact]
    public async Task A_pass_after_the_name_is_known_finds_it_again_in_a_few_requests()
    {
        await _site.PublishAsync(Bell, Article("Bell"));
        await ReconcileAsync();
        var searched = _site.Requests.Total;
        _site.Requests.Reset();

        var report = await ReconcileAsync();

        Assert.Equal(Bell, Assert.Single(report.Unlistable!).Name);
        // The pass's own: the listing's pages, two scans of the sources table, the point reads of the blob's ingest, the
        // author profiles' check (a listing of authors/ and a query of their rows); the queue workers' polls meanwhile
        // are counted too (about 6).
        Assert.True(_site.Requests.Total < 26, $"{_site.Requests.Total} requests (the first pass, searching: {searched}): {_site.Requests.Breakdown}");
        Assert.Equal(0, _site.Requests.Writes);
    }

    [Fact]
    public async Task Interrupted_pass_resumes_its_listing_after_the_last_name_it_processed()
    {
        await _site.UploadAsync("a.md", Article("Before"));
        await _site.UploadAsync("c.md", Article("After"));
        await _site.Get<ArticleRepository>().SaveReconcileStateAsync(new ReconcileStateEntity { ListedThrough = "b.md" }, Cancellation);

        var resumed = await ReconcileAsync();
        var next = await ReconcileAsync();

        Assert.Equal(["c.md"], resumed.Results.Select(result => result.BlobName));
        Assert.Equal(["a.md"], next.Results.Select(result => result.BlobName));
        Assert.Null(await _site.Get<ArticleRepository>().GetReconcileStateAsync(Cancellation));
    }
}

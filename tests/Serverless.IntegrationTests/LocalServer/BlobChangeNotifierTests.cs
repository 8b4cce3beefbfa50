using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;
using Serverless.LocalServer.Publishing;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// Uploads and deletions made by any storage client (here a plain BlobClient, as Storage Explorer, az or azcopy would
/// make them, with no event) are noticed within seconds, with the reconciliation an hour away.
/// </summary>
public sealed class BlobChangeNotifierTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>Generous next to the 2 s listing: a bound on the poll, not a timing.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    private RunningLocalServer _server = null!;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// A server whose reconciliation ran once, at start (the samples served say it is over), and not again for an hour:
    /// what is noticed afterwards is the notifier's doing.
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { ReconcileInterval = TimeSpan.FromHours(1) });
        using var sample = await _server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Blob_uploaded_by_another_storage_client_is_served_soon_and_its_deletion_answers_410()
    {
        await _server.UploadAsync("outside/explorer.md", Samples.FrontMatterArticle("From Storage Explorer", extra: "slug: from-explorer"));

        using var published = await _server.WaitForAsync("/articles/from-explorer", HttpStatusCode.OK, Soon);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        await _server.Articles.DeleteBlobAsync("outside/explorer.md", cancellationToken: Cancellation);

        using var gone = await _server.WaitForAsync("/articles/from-explorer", HttpStatusCode.Gone, Soon);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task Uploads_are_noticed_beside_a_blob_storage_cannot_list()
    {
        await _server.UploadAsync("bell\u0007.md", Samples.FrontMatterArticle("Bell", extra: "slug: bell"));
        using var bell = await _server.WaitForAsync("/articles/bell", HttpStatusCode.OK, Soon);

        await _server.UploadAsync("after-bell.md", Samples.FrontMatterArticle("After the bell", extra: "slug: after-bell"));

        using var published = await _server.WaitForAsync("/articles/after-bell", HttpStatusCode.OK, Soon);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (bell.StatusCode, published.StatusCode));
    }

    [Fact]
    public async Task An_upload_reported_to_the_server_is_not_reported_again_by_its_listing()
    {
        var requests = new SentRequests();
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            // No samples: nothing else to report, so the listings keep their pace.
            SamplesDirectory = null,
            ReconcileInterval = TimeSpan.FromHours(1),
            // The default: the upload and its report, tens of milliseconds, fall well within one.
            NoticeInterval = LocalServerSettings.DefaultNoticeInterval,
            ConfigureStorageClients = options => options.AddPolicy(requests, HttpPipelinePosition.PerCall),
        });
        var events = server.App.Services.GetRequiredService<BlobEvents>();
        async Task<BlobEventDelivery> UploadAndReportAsync(string blobName, string title)
        {
            await server.UploadAsync(blobName, Samples.FrontMatterArticle(title, extra: "slug: " + Path.GetFileNameWithoutExtension(blobName)));
            // As the upload command's report, or the folder watcher's, delivers it in the server.
            return await events.HandleAsync(LocalBlobEvents.Created(server.Articles.GetBlobClient(blobName).Uri), Cancellation);
        }
        // A first publish warms the server up (its first takes longer than a listing's second), then, right after a
        // listing, the upload and its report: the next listing comes after both.
        await UploadAndReportAsync("reported/warm-up.md", "Warm-up");
        await ListingsAsync(requests, 1);
        var delivery = await UploadAndReportAsync("reported/once.md", "Reported once");
        Assert.Equal("Published", Assert.Single(delivery.Results).Outcome);

        requests.Clear();
        // Two listings of the container after the report: the change is in both, and neither reports it.
        await ListingsAsync(requests, 2);

        Assert.DoesNotContain(requests.Paths, path => path.Contains("/reported/once.md", StringComparison.Ordinal));
    }

    private static async Task ListingsAsync(SentRequests requests, int count)
    {
        var before = requests.Paths.Count(IsListing);
        while (requests.Paths.Count(IsListing) < before + count)
        {
            await Task.Delay(10, Cancellation);
        }

        static bool IsListing(string path) => path.Contains("restype=container&comp=list", StringComparison.Ordinal);
    }

    /// <summary>The path and query of every storage request the server sends.</summary>
    private sealed class SentRequests : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<string> _paths = new();

        public IReadOnlyList<string> Paths => [.. _paths];

        public void Clear() => _paths.Clear();

        public override void OnSendingRequest(HttpMessage message) => _paths.Enqueue(Uri.UnescapeDataString(message.Request.Uri.PathAndQuery));
    }
}

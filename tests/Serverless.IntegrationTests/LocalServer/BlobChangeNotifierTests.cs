using System.Net;
using Serverless.IntegrationTests.Infrastructure;

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
}

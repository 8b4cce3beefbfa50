using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A storage refusal (400: here Azurite's answer to a property over its size limit) is never retried for ever: it ends
/// as a status saying what to change, and the version published before stays served.
/// </summary>
public sealed class StorageRefusalTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private readonly OversizedProperty _oversized = new("refused");
    private TestSite? _site;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TestSite Site => _site ??= new TestSite(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" }, fault: _oversized);

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Fact]
    public async Task Record_storage_refuses_ends_as_a_failed_status_and_the_published_version_stays_served()
    {
        await Site.PublishAsync("refused.md", Samples.FrontMatterArticle("First version", extra: "slug: refused"));

        _oversized.Arm();
        var result = await Site.PublishAsync("refused.md", Samples.FrontMatterArticle("Second version", extra: "slug: refused"));

        Assert.Equal(PublishStatus.Failed, result.Status);
        var status = await Site.Get<PublicationStatusReader>().ForBlobAsync("refused.md", Cancellation);
        Assert.Equal((PublicationState.Failed, true), (status!.State, status.PreviousVersionServed));
        Assert.StartsWith("Storage refused to save this article (400 ", status.Message, StringComparison.Ordinal);
        Assert.Contains("First version", (await Site.GetPageAsync("refused")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_storage_refuses_is_recorded_at_once_not_retried_into_the_poison_queue()
    {
        await Site.PublishAsync("refused.md", Samples.FrontMatterArticle("First version", extra: "slug: refused"));
        await Site.TriggerIngestAsync(await Site.UploadAsync("refused.md", Samples.FrontMatterArticle("First version", body: "A changed first paragraph, long enough to describe it.", extra: "slug: refused")));

        _oversized.Arm();
        var renders = await Site.DrainRenderQueueAsync();

        Assert.Contains(renders, render => render is { Slug: "refused", Status: RenderStatus.Failed });
        var status = await Site.Get<PublicationStatusReader>().ForBlobAsync("refused.md", Cancellation);
        Assert.Equal(PublicationState.Failed, status!.State);
        Assert.Contains("Storage refused to save its page's state (400 ", status.RenderFailure, StringComparison.Ordinal);
        Assert.Contains("A first paragraph with enough words", (await Site.GetPageAsync("refused")).Body, StringComparison.Ordinal);
        Assert.Equal(0, (await Site.Get<Core.Storage.StorageClients>().RenderPoisonQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
    }
}

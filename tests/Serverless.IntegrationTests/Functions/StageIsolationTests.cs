using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Ingest writes an article's record row, rendering its outputs row: a write of one stage never makes the other's
/// conditional write fail and start over, however they interleave, and the page still ends up showing the latest record.
/// </summary>
public sealed class StageIsolationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Slug = "a-story";
    private const string BlobName = "story.md";

    private readonly InterleavedWrite _interleaved = new(Slug);
    private TestSite? _site;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TestSite Site => _site ??= new TestSite(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" }, fault: _interleaved);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private static string Version(string title) => Samples.FrontMatterArticle(title, extra: "slug: " + Slug);

    [Fact]
    public async Task A_render_switching_after_an_ingest_replaced_the_record_is_not_retried_and_the_next_render_shows_the_new_record()
    {
        await Site.PublishAsync(BlobName, Version("First version"));
        await Site.TriggerIngestAsync(await Site.UploadAsync(BlobName, Version("Second version")));

        // Between the render's read and its switch, a third version is ingested.
        _interleaved.Arm(TableKeys.OutputsRow, async () => await Site.TriggerIngestAsync(await Site.UploadAsync(BlobName, Version("Third version"))));
        Assert.Equal(RenderStatus.Rendered, (await Site.Get<OutputPublisher>().RenderAsync(Slug, Cancellation)).Status);

        Assert.True(_interleaved.Ran);
        Assert.Equal(0, _interleaved.Conflicts);
        Assert.Contains("Second version", (await Site.GetPageAsync(Slug)).Body, StringComparison.Ordinal);
        await Site.DrainRenderQueueAsync();
        Assert.Contains("Third version", (await Site.GetPageAsync(Slug)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingest_switching_after_a_render_wrote_the_outputs_is_not_retried_and_its_render_follows()
    {
        await Site.PublishAsync(BlobName, Version("First version"));
        // The served page's inputs forgotten, as a republish does: the next render writes the outputs row.
        await Site.Get<StorageClients>().ArticlesTable.UpdateEntityAsync(
            new Azure.Data.Tables.TableEntity(Slug, TableKeys.OutputsRow) { [nameof(ArticleOutputsEntity.PageInputHash)] = "forgotten" },
            Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Merge, Cancellation);

        // Between the ingest's read and its switch, a render of the article writes its outputs.
        _interleaved.Arm(TableKeys.ArticleRow, async () => Assert.Equal(RenderStatus.Rendered, (await Site.Get<OutputPublisher>().RenderAsync(Slug, Cancellation)).Status));
        await Site.TriggerIngestAsync(await Site.UploadAsync(BlobName, Version("Second version")));

        Assert.True(_interleaved.Ran);
        Assert.Equal(0, _interleaved.Conflicts);
        await Site.DrainRenderQueueAsync();
        Assert.Contains("Second version", (await Site.GetPageAsync(Slug)).Body, StringComparison.Ordinal);
    }
}

using Azure.Data.Tables;
using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Articles published before the outputs' state had a row of its own, when the record row held it: served as before
/// from the record row, and moved to the outputs row by the first write of either stage, without a moment where the
/// page stops being served or a blob it names is left behind.
/// </summary>
public sealed class OutputsRowMigrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Slug = "a-story";
    private const string BlobName = "story.md";

    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TableClient Articles => _site.Get<StorageClients>().ArticlesTable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task An_article_published_before_the_split_is_served_as_it_was()
    {
        await _site.PublishAsync(BlobName, Samples.FrontMatterArticle("A story worth keeping", extra: "slug: " + Slug));
        var page = await _site.GetPageAsync(Slug);
        var (_, json) = await _site.GetArticleJsonAsync(Slug);

        await StoreAsBeforeTheSplitAsync(Slug);

        var pageAfter = await _site.GetPageAsync(Slug);
        Assert.Equal((200, page.Body, page.Headers.ETag), (pageAfter.StatusCode, pageAfter.Body, pageAfter.Headers.ETag));
        var (status, jsonAfter) = await _site.GetArticleJsonAsync(Slug);
        Assert.Equal((200, json.GetRawText()), (status, jsonAfter.GetRawText()));
    }

    [Fact]
    public async Task A_failed_upload_of_an_article_published_before_the_split_keeps_its_page_served()
    {
        await _site.PublishAsync(BlobName, Samples.FrontMatterArticle("A story worth keeping", extra: "slug: " + Slug));
        var page = await _site.GetPageAsync(Slug);
        await StoreAsBeforeTheSplitAsync(Slug);

        var failed = await _site.PublishAsync(BlobName, "---\ntitle: [unclosed\n---\nBody.");

        Assert.Equal(PublishStatus.Failed, failed.Status);
        var pageAfter = await _site.GetPageAsync(Slug);
        Assert.Equal((200, page.Body), (pageAfter.StatusCode, pageAfter.Body));
        var record = await RowAsync(Slug, TableKeys.ArticleRow);
        Assert.DoesNotContain(nameof(ArticleOutputsEntity.PageBlob), record!.Keys);
        Assert.NotNull((await RowAsync(Slug, TableKeys.OutputsRow))?.GetString(nameof(ArticleOutputsEntity.PageBlob)));
    }

    [Fact]
    public async Task A_new_version_of_an_article_published_before_the_split_replaces_its_page_and_leaves_no_blob_behind()
    {
        await _site.PublishAsync(BlobName, Samples.Article("A story worth keeping", "2024-12-05T08:00:00Z", "[Politique]", "slug: " + Slug));
        await StoreAsBeforeTheSplitAsync(Slug);

        await _site.PublishAsync(BlobName, Samples.Article("A story worth keeping, updated", "2024-12-05T08:00:00Z", "[Économie]", "slug: " + Slug));

        var page = await _site.GetPageAsync(Slug);
        Assert.Contains("A story worth keeping, updated", page.Body, StringComparison.Ordinal);
        var outputs = (await _site.Get<ArticleRepository>().GetStoredArticleAsync(Slug, Cancellation))!.Outputs;
        Assert.True(outputs.IsStored);
        Assert.Equal([outputs.PageBlob!], await BlobNamesAsync(_site.Get<StorageClients>().Pages, Slug));
        Assert.Equal([$"{Slug}/{outputs.ShareCardVersion}.png"], await BlobNamesAsync(_site.Get<StorageClients>().Cards, Slug));
        Assert.Equal(404, (await _site.GetSiteFileAsync("/tags/politique")).StatusCode);
        Assert.Equal(200, (await _site.GetSiteFileAsync("/tags/economie")).StatusCode);
    }

    [Fact]
    public async Task A_render_of_an_article_published_before_the_split_writes_its_outputs_row()
    {
        await _site.PublishAsync(BlobName, Samples.FrontMatterArticle("A story worth keeping", extra: "slug: " + Slug));
        await StoreAsBeforeTheSplitAsync(Slug);

        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("A reply", $"It follows [the story]({Slug})."));

        var article = (await _site.Get<ArticleRepository>().GetStoredArticleAsync(Slug, Cancellation))!;
        Assert.True(article.Outputs.IsStored);
        Assert.Single(article.Outputs.Rendered.Backlinks);
        Assert.Contains("A reply", (await _site.GetPageAsync(Slug)).Body, StringComparison.Ordinal);
        Assert.Equal(RenderStatus.Unchanged, (await _site.Get<OutputPublisher>().RenderAsync(Slug, Cancellation)).Status);
    }

    /// <summary>
    /// Puts the article's rows as a version before the split wrote them: the outputs' columns in the record row (the
    /// share card's version a column of its own), and no outputs row.
    /// </summary>
    private async Task StoreAsBeforeTheSplitAsync(string slug)
    {
        var outputs = (await RowAsync(slug, TableKeys.OutputsRow))!;
        var record = (await RowAsync(slug, TableKeys.ArticleRow))!;
        var states = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(outputs.GetString(nameof(ArticleOutputsEntity.OutputsJson)))!;
        record["ShareCardVersion"] = states[ArticleOutputsEntity.ShareCardOutputName];
        states.Remove(ArticleOutputsEntity.ShareCardOutputName);
        foreach (var (name, value) in outputs.Where(column => column.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            record[name] = value;
        }
        record[nameof(ArticleOutputsEntity.OutputsJson)] = System.Text.Json.JsonSerializer.Serialize(states);
        await Articles.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, Cancellation);
        await Articles.DeleteEntityAsync(slug, TableKeys.OutputsRow, outputs.ETag, Cancellation);
        Assert.Null(await RowAsync(slug, TableKeys.OutputsRow));
    }

    private async Task<TableEntity?> RowAsync(string slug, string rowKey)
    {
        var response = await Articles.GetEntityIfExistsAsync<TableEntity>(slug, rowKey, cancellationToken: Cancellation);
        return response.HasValue ? response.Value : null;
    }

    private static async Task<List<string>> BlobNamesAsync(Azure.Storage.Blobs.BlobContainerClient container, string slug)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, slug + "/", Cancellation))
        {
            names.Add(blob.Name);
        }
        return names;
    }
}

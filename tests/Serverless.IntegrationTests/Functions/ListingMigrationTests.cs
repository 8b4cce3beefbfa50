using Azure.Data.Tables;
using Serverless.Core.Admin;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A deployment listed before months has every listing row in the one partition <c>published</c>. Those rows stay
/// listed, in order, until each article's next render (every live article renders again, as the outputs' version
/// changed) writes its month's row and then deletes the old one; an article changed or taken down meanwhile leaves no
/// old row listed, and once none is left the old partition is never read again.
/// </summary>
public sealed class ListingMigrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] NewestFirst = ["february", "mid-january", "new-year", "winter"];

    private readonly TestSite _site = new(azurite);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _site.PublishAsync("winter.md", Samples.Article("Winter", "2024-12-20T08:00:00Z", "[]", "slug: winter"));
        await _site.PublishAsync("new-year.md", Samples.Article("New year", "2025-01-02T08:00:00Z", "[]", "slug: new-year"));
        await _site.PublishAsync("mid-january.md", Samples.Article("Mid-January", "2025-01-15T08:00:00Z", "[]", "slug: mid-january"));
        await _site.PublishAsync("february.md", Samples.Article("February", "2025-02-03T08:00:00Z", "[]", "slug: february"));
        await ListBeforeMonthsAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Rows_listed_before_months_are_read_whole_until_they_move()
    {
        await using var reader = NewInstance();

        Assert.Equal(NewestFirst, await SlugsAsync(reader, top: 10));
        Assert.Equal(NewestFirst, await SlugsAsync(reader, top: 1));
    }

    [Fact]
    public async Task Rendering_every_article_again_moves_each_row_to_its_month_and_empties_the_old_partition()
    {
        await using var upgraded = NewInstance();
        await upgraded.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await upgraded.DrainRenderQueueAsync();
        await using var reader = NewInstance();

        Assert.Empty(await RowsAsync(TableKeys.LegacyListingPartition));
        Assert.False(await reader.Get<LegacyListing>().HoldsRowsAsync(Cancellation));
        var (items, _) = await reader.Get<ArticlesByDate>().ListAsync(10, after: null, Cancellation);
        Assert.Equal(["m2025-02", "m2025-01", "m2025-01", "m2024-12"], items.Select(item => item.PartitionKey));
        Assert.Equal(NewestFirst, items.Select(item => item.Slug));
    }

    [Fact]
    public async Task Article_taken_down_before_its_row_moved_is_no_longer_listed()
    {
        await using var upgraded = NewInstance();
        var blob = upgraded.Articles.GetBlobClient("mid-january.md");
        await blob.DeleteAsync(cancellationToken: Cancellation);
        await upgraded.TriggerIngestAsync(blob);
        await upgraded.DrainRenderQueueAsync();
        await using var reader = NewInstance();

        Assert.Equal(["february", "new-year", "winter"], await SlugsAsync(reader, top: 10));
        Assert.DoesNotContain(await RowsAsync(TableKeys.LegacyListingPartition), row => row.Slug == "mid-january");
    }

    [Fact]
    public async Task Article_changed_before_its_row_moved_is_listed_once_with_its_change()
    {
        await using var upgraded = NewInstance();
        await upgraded.PublishAsync("new-year.md", Samples.Article("A new year begins", "2025-01-02T08:00:00Z", "[]", "slug: new-year"));
        await using var reader = NewInstance();

        var (items, _) = await reader.Get<ArticlesByDate>().ListAsync(10, after: null, Cancellation);

        Assert.Equal(NewestFirst, items.Select(item => item.Slug));
        Assert.Equal("A new year begins", items.Single(item => item.Slug == "new-year").Title);
        Assert.DoesNotContain(await RowsAsync(TableKeys.LegacyListingPartition), row => row.Slug == "new-year");
    }

    /// <summary>
    /// Another instance on the same storage, as a deployment of this version is to the one that listed before months:
    /// it has yet to ask whether rows of before months remain, and has listed no month in the index.
    /// </summary>
    private TestSite NewInstance() => new(azurite, _site.Settings);

    /// <summary>The listing as a reader pages through it, <paramref name="top"/> at a time.</summary>
    private static async Task<List<string>> SlugsAsync(TestSite reader, int top)
    {
        var slugs = new List<string>();
        string? after = null;
        do
        {
            var page = await reader.Get<ArticlesByDate>().ListPageAsync(top, after, Cancellation);
            slugs.AddRange(page.Items.Select(item => item.Slug));
            after = page.OlderAfter;
        }
        while (after is not null);
        return slugs;
    }

    private async Task<List<ListingEntity>> RowsAsync(string partition)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        return await _site.Get<StorageClients>().ListingTable.QueryAsync<ListingEntity>(filter, cancellationToken: Cancellation).ToListAsync(Cancellation);
    }

    /// <summary>
    /// Puts the site as a render before months left it: each listing row in the legacy partition, no index of months,
    /// the listing's state in the outputs row a bare fingerprint, and the page rendered by an older version of the outputs.
    /// </summary>
    private async Task ListBeforeMonthsAsync()
    {
        var repository = _site.Get<ArticleRepository>();
        var table = _site.Get<StorageClients>().ListingTable;
        foreach (var slug in NewestFirst)
        {
            var article = (await repository.GetStoredArticleAsync(slug, Cancellation))!;
            var outputs = article.Outputs;
            var row = ListingEntity.For(article, outputs.ListingRowKey!, TableKeys.LegacyListingPartition);
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, Cancellation);
            await table.DeleteEntityAsync(TableKeys.ListingPartitionOfRow(row.RowKey), row.RowKey, cancellationToken: Cancellation);
            outputs.SetOutputState("listing", row.Fingerprint());
            outputs.RenderVersion = "before-months";
            outputs.PageInputHash = "before-months";
            await repository.SaveOutputsAsync(outputs, Cancellation);
        }
        await foreach (var month in table.QueryAsync<ListingMonthEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ListingMonthsPartition}"), cancellationToken: Cancellation))
        {
            await table.DeleteEntityAsync(month.PartitionKey, month.RowKey, cancellationToken: Cancellation);
        }
    }
}

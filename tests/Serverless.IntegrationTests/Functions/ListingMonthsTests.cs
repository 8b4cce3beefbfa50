using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The site's listing spread over one partition per month of publication (<see cref="ArticlesByDate"/>): pages read
/// newest first across months in both directions, skip the months the index does not list, and cost a request per
/// month they read. Seeded: January 2025 holds 25 articles, February 7, March is listed but its articles are gone,
/// April never had one, May holds 30 and June 3.
/// </summary>
public sealed class ListingMonthsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    private List<ListingEntity> _seeded = [];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ArticlesByDate Listing => _site.Get<ArticlesByDate>();

    public async ValueTask InitializeAsync()
    {
        _seeded = [.. ListingSeeder.Spread("2025-01", 25), .. ListingSeeder.Spread("2025-02", 7), .. ListingSeeder.Spread("2025-05", 30), .. ListingSeeder.Spread("2025-06", 3)];
        var storage = _site.Get<StorageClients>();
        await storage.EnsureCreatedAsync(Cancellation);
        await ListingSeeder.SeedAsync(storage, _seeded, Cancellation);
        await _site.Get<ListingMonths>().EnsureListedAsync(ListingMonth.Parse("2025-03"), Cancellation);
        await _site.Get<LegacyListing>().HoldsRowsAsync(Cancellation); // once per process: none here
        _site.Requests.Reset();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private List<string> NewestFirst => [.. _seeded.OrderBy(row => row.RowKey, StringComparer.Ordinal).Select(row => row.Slug)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(100)]
    public async Task Older_pages_reach_every_article_newest_first_across_months(int top)
    {
        var pages = await FollowAsync(top);

        Assert.Equal(NewestFirst, pages.SelectMany(page => page.Page.Items.Select(item => item.Slug)));
        Assert.All(pages, page => Assert.InRange(page.Page.Items.Count, 1, top));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(21)]
    public async Task Each_page_finds_the_page_before_it_across_months(int top)
    {
        var pages = await FollowAsync(top);

        Assert.False(pages[0].Page.HasNewer);
        Assert.All(pages.Skip(1).Select((page, index) => (page, before: pages[index])), pair =>
            Assert.Equal((true, pair.before.After), (pair.page.Page.HasNewer, pair.page.Page.NewerAfter)));
    }

    [Fact]
    public async Task Api_pages_continue_across_months()
    {
        var slugs = new List<string>();
        string? after = null;
        do
        {
            var (items, next) = await Listing.ListAsync(20, after, Cancellation);
            slugs.AddRange(items.Select(item => item.Slug));
            after = next;
        }
        while (after is not null);

        Assert.Equal(NewestFirst, slugs);
    }

    [Fact]
    public async Task First_page_within_the_newest_month_reads_the_index_and_that_month()
    {
        var (items, _) = await Listing.ListAsync(2, after: null, Cancellation);

        Assert.Equal(NewestFirst[..2], items.Select(item => item.Slug));
        Assert.Equal((2, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }

    [Fact]
    public async Task First_page_longer_than_the_newest_month_reads_the_next_month_too()
    {
        var (items, _) = await Listing.ListAsync(20, after: null, Cancellation);

        Assert.Equal(NewestFirst[..20], items.Select(item => item.Slug));
        Assert.Equal(3, _site.Requests.Total); // the index, June, May
    }

    [Fact]
    public async Task Page_crossing_a_listed_empty_month_costs_one_request_for_it_and_none_for_an_unlisted_one()
    {
        var lastOfMay = _seeded.Where(row => row.Slug.StartsWith("article-2025-05-", StringComparison.Ordinal)).Max(row => row.RowKey)!;

        var (items, _) = await Listing.ListAsync(20, lastOfMay, Cancellation);

        Assert.Equal(NewestFirst.SkipWhile(slug => !slug.StartsWith("article-2025-02-", StringComparison.Ordinal)).Take(20), items.Select(item => item.Slug));
        Assert.Equal(5, _site.Requests.Total); // May (nothing after its last), the index, March (empty), February, January
    }

    [Fact]
    public async Task Later_page_within_its_month_reads_that_month_alone()
    {
        var (_, next) = await Listing.ListAsync(5, after: null, Cancellation);
        _site.Requests.Reset();

        var (items, _) = await Listing.ListAsync(5, next, Cancellation);

        Assert.Equal(NewestFirst[5..10], items.Select(item => item.Slug));
        Assert.Equal(1, _site.Requests.Total);
    }

    [Fact]
    public async Task Sitemap_window_of_a_month_is_one_query_of_its_partition()
    {
        var february = ListingMonth.Parse("2025-02");
        await ListingSeeder.SeedAsync(_site.Get<StorageClients>(), [Row("last-of-january", february.Start.AddTicks(-1)), Row("first-of-february", february.Start)], Cancellation);
        _site.Requests.Reset();

        var rows = await Listing.ListPublishedBetweenAsync(february.Start, february.End, max: 1000, Cancellation);

        Assert.Equal([.. NewestFirst.Where(slug => slug.StartsWith("article-2025-02-", StringComparison.Ordinal)), "first-of-february"], rows.Select(row => row.Slug));
        Assert.Equal(1, _site.Requests.Total);
    }

    [Fact]
    public async Task Publishing_lists_the_month_of_each_article_in_the_index_of_months()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("winter.md", Samples.Article("Winter", "2024-12-24T08:00:00Z", "[]", "slug: winter"));
        await site.PublishAsync("spring.md", Samples.Article("Spring", "2025-03-20T08:00:00Z", "[]", "slug: spring"));

        var months = await site.Get<ListingMonths>().NewestFirstAsync(olderThan: null, Cancellation).Select(month => month.ToString()).ToListAsync(Cancellation);
        var (items, _) = await site.Get<ArticlesByDate>().ListAsync(10, after: null, Cancellation);

        Assert.Equal(["2025-03", "2024-12"], months);
        Assert.Equal([("spring", "m2025-03"), ("winter", "m2024-12")], items.Select(item => (item.Slug, item.PartitionKey)));
    }

    /// <summary>A page of the listing as a reader follows it, and the cursor it was read after.</summary>
    private sealed record PageRead(string? After, ListingPage Page);

    private async Task<List<PageRead>> FollowAsync(int top)
    {
        var pages = new List<PageRead>();
        string? after = null;
        do
        {
            var page = await Listing.ListPageAsync(top, after, Cancellation);
            pages.Add(new PageRead(after, page));
            after = page.OlderAfter;
        }
        while (after is not null);
        return pages;
    }

    private static ListingEntity Row(string slug, DateTimeOffset published)
    {
        var rowKey = TableKeys.ListingRow(published, slug);
        return new ListingEntity { PartitionKey = TableKeys.ListingPartitionOfRow(rowKey), RowKey = rowKey, Slug = slug, Title = slug, Published = published, Modified = published };
    }
}

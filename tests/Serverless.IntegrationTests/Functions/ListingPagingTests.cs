using System.Text.RegularExpressions;
using Serverless.Core.Http;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Readers and crawlers reach every article: the home page and each tag page link their older page (<c>rel="next"</c>)
/// and their newer one (<c>rel="prev"</c>), each page one bounded query. The listings are seeded as stage 2 writes
/// them: 1,000 articles by default; <c>SERVERLESS_NEWSROOM_SCALE=1</c> seeds a tag of 50,000.
/// </summary>
public sealed partial class ListingPagingTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private static readonly int Articles = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1" ? 50_000 : 1_000;

    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Following_older_links_from_a_tag_page_reaches_every_article_of_the_tag_newest_first()
    {
        var seeded = await SeedTagAsync();
        await _site.Get<TagFiles>().RebuildAsync("politique", Cancellation);

        var pages = await FollowAsync("/tags/politique", path => _site.GetSiteFileAsync(path));

        Assert.Equal(seeded, pages.SelectMany(page => page.Slugs));
        Assert.All(pages, page => Assert.InRange(page.Slugs.Count, 1, TagFiles.PageSize));
    }

    [Fact]
    public async Task Each_later_tag_page_links_the_page_before_it_as_newer()
    {
        await SeedTagAsync();
        await _site.Get<TagFiles>().RebuildAsync("politique", Cancellation);

        var pages = await FollowAsync("/tags/politique", path => _site.GetSiteFileAsync(path));

        Assert.Null(pages[0].Newer);
        Assert.All(pages.Skip(1).Select((page, index) => (page, before: pages[index])), pair => Assert.Equal(pair.before.Path, pair.page.Newer));
    }

    [Fact]
    public async Task Following_older_links_from_the_home_page_reaches_every_article_and_newer_links_lead_back()
    {
        var seeded = await SeedHomeAsync();

        var pages = await FollowAsync("/", HomeAsync);

        Assert.Equal(seeded, pages.SelectMany(page => page.Slugs));
        Assert.All(pages.Skip(1).Select((page, index) => (page, before: pages[index])), pair => Assert.Equal(pair.before.Path, pair.page.Newer));
    }

    [Fact]
    public async Task Home_page_links_cross_months_both_ways_past_months_without_articles()
    {
        // Each month's partition a few pages or less; March listed with its articles gone, April never had one.
        var rows = new[] { ("2025-01", 45), ("2025-02", 12), ("2025-05", 30), ("2025-06", 3) }.SelectMany(month => ListingSeeder.Spread(month.Item1, month.Item2)).ToList();
        await ListingSeeder.SeedAsync(_site.Get<StorageClients>(), rows, Cancellation);
        await _site.Get<ListingMonths>().EnsureListedAsync(ListingMonth.Parse("2025-03"), Cancellation);

        var pages = await FollowAsync("/", HomeAsync);

        Assert.Equal(Newest(rows), pages.SelectMany(page => page.Slugs));
        Assert.All(pages.Skip(1).Select((page, index) => (page, before: pages[index])), pair => Assert.Equal(pair.before.Path, pair.page.Newer));
    }

    [Fact]
    public async Task Tag_page_with_a_cursor_the_backend_never_wrote_is_not_found()
    {
        await SeedTagAsync();

        Assert.Equal(404, (await _site.GetSiteFileAsync("/tags/politique?after=bm90LWEta2V5")).StatusCode);
    }

    /// <summary>A listing page as a crawler reads it: its path, its articles, and where its newer and older links lead.</summary>
    private sealed record ListingPageSeen(string Path, List<string> Slugs, string? Newer, string? Older);

    private static async Task<List<ListingPageSeen>> FollowAsync(string first, Func<string, Task<HttpResponseSnapshot>> get)
    {
        var pages = new List<ListingPageSeen>();
        for (var path = first; path is not null;)
        {
            var response = await get(path);
            Assert.Equal(200, response.StatusCode);
            var html = response.Body;
            var page = new ListingPageSeen(path, [.. ArticleLink().Matches(html).Select(match => match.Groups["slug"].Value)],
                Rel("prev", html), Rel("next", html));
            pages.Add(page);
            path = page.Older;
        }
        return pages;
    }

    private static string? Rel(string rel, string html) =>
        RelLink().Matches(html).FirstOrDefault(match => match.Groups["rel"].Value == rel)?.Groups["href"].Value.Replace("&amp;", "&", StringComparison.Ordinal);

    private async Task<HttpResponseSnapshot> HomeAsync(string path)
    {
        var context = _site.NewHttpContext(path);
        return await HttpResponseSnapshot.ExecuteAsync(await new PageFunctions(_site.Get<PageHandlers>()).GetIndexPage(context.Request, Cancellation), context);
    }

    /// <summary>The tag's listing seeded in its partition; returns the slugs newest first.</summary>
    private async Task<List<string>> SeedTagAsync()
    {
        var rows = Rows("politique");
        await ListingSeeder.WriteAsync(_site.Get<StorageClients>().TagListingTable, rows, Cancellation);
        return Newest(rows);
    }

    /// <summary>The site's listing seeded in its months' partitions; returns the slugs newest first.</summary>
    private async Task<List<string>> SeedHomeAsync()
    {
        var rows = Rows(tag: null);
        await ListingSeeder.SeedAsync(_site.Get<StorageClients>(), rows, Cancellation);
        return Newest(rows);
    }

    /// <summary>
    /// <see cref="Articles"/> listing rows, several sharing each publication minute (as an import does): in a tag's
    /// partition, or in their months' when <paramref name="tag"/> is null.
    /// </summary>
    private static List<ListingEntity> Rows(string? tag)
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, Articles).Select(number =>
        {
            var published = start.AddMinutes(number / 3 * 7);
            var slug = $"article-{number:D5}";
            var rowKey = TableKeys.ListingRow(published, slug);
            return new ListingEntity
            {
                PartitionKey = tag ?? TableKeys.ListingPartitionOfRow(rowKey),
                RowKey = rowKey,
                Slug = slug,
                Title = $"Article {number}",
                Description = "A story.",
                Language = "fr",
                Published = published,
                Modified = published,
                Tags = ["Politique"],
            };
        })];
    }

    private static List<string> Newest(List<ListingEntity> rows) => [.. rows.OrderBy(row => row.RowKey, StringComparer.Ordinal).Select(row => row.Slug)];

    [GeneratedRegex("<h2><a href=\"/articles/(?<slug>[a-z0-9-]+)\">")]
    private static partial Regex ArticleLink();

    [GeneratedRegex("<a rel=\"(?<rel>prev|next)\" href=\"(?<href>[^\"]+)\">")]
    private static partial Regex RelLink();
}

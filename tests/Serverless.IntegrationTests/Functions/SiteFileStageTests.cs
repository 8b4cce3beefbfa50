using Azure.Data.Tables;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The site-file stage: feeds, sitemap files and tag pages are rebuilt by their own queue, once per window for whatever
/// renders asked meanwhile, never inside an article's render; listing rows are written only when they change.
/// </summary>
public sealed class SiteFileStageTests(AzuriteFixture azurite)
{
    private const int Burst = 20;

    /// <summary>Long enough for a burst's renders to fall in one or two windows however loaded the machine is.</summary>
    private const string Window = "10";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Burst_of_publishes_rebuilds_each_site_file_once_per_window_it_was_asked_for_in()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = Window });
        for (var number = 0; number < Burst; number++)
        {
            await site.TriggerIngestAsync(await site.UploadAsync($"burst/{number}.md",
                Samples.Article($"Burst story {number}", $"2025-03-{1 + number:D2}T08:00:00Z", "[ports]")));
        }

        await site.DrainRenderQueueAsync();

        var files = site.SiteFileResults.GroupBy(result => result.File.ToString()).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (file, results) in files)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {results.Count(result => result.Rebuilt)} rebuilds for {results.Count} requests in {Windows(results)} windows");
        }
        Assert.Equal(["author:jane-doe", "document-frequencies", "feeds", "search-index", "sitemap-index", "sitemap:2025-03", "tag:ports"], files.Keys.Order(StringComparer.Ordinal));
        // A window's requests arrive together just after its end, later than the clock skew allowed: the first rebuild serves them all.
        Assert.All(files.Values, results => Assert.InRange(results.Count(result => result.Rebuilt), 1, Windows(results)));
        // The site's one instance sent one message per file and window, however many renders asked.
        Assert.All(files.Values, results => Assert.Equal(Windows(results), results.Count));
        Assert.Equal(Burst, (await FeedReader.ParseAsync((await site.GetSiteFileAsync("/feed.xml")).Body)).Items.Count);
        Assert.Equal(Burst, CountOf((await site.GetSiteFileAsync("/tags/ports")).Body, "href=\"/articles/burst-story-"));
        Assert.Equal(Burst, CountOf((await site.GetSiteFileAsync("/authors/jane-doe")).Body, "href=\"/articles/burst-story-"));
    }

    /// <summary>The windows the requests were sent in.</summary>
    private static int Windows(IEnumerable<SiteFileResult> results) =>
        results.Select(result => result.RequestedAt.UtcTicks / TimeSpan.FromSeconds(int.Parse(Window, System.Globalization.CultureInfo.InvariantCulture)).Ticks).Distinct().Count();

    [Fact]
    public async Task Render_that_changes_nothing_a_listing_shows_writes_no_listing_row()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("target.md", Samples.FrontMatterArticle("Target", extra: "slug: target"));
        await site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing\nrelated: [target]"));
        var listing = site.Get<StorageClients>().ListingTable;
        var before = await RowOfAsync(listing, "citing");

        // The target's new title re-renders the citing page: its link changes, its listing row does not.
        await site.PublishAsync("target.md", Samples.FrontMatterArticle("Target renamed", extra: "slug: target"));

        Assert.Contains(">Target renamed</a>", (await site.GetPageAsync("citing")).Body, StringComparison.Ordinal);
        Assert.Equal(before.ETag, (await RowOfAsync(listing, "citing")).ETag);
    }

    [Fact]
    public async Task Site_file_request_made_before_the_last_rebuild_read_its_inputs_costs_one_read()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("story.md", Samples.FrontMatterArticle("Story", extra: "slug: story"));
        var handler = site.Get<SiteFileMessageHandler>();
        var stale = Core.Storage.Json.Write(new SiteFileMessage("feeds", DateTimeOffset.UtcNow.AddMinutes(-1)));

        site.Requests.Reset();
        var result = await handler.HandleAsync(stale, Cancellation);

        Assert.False(result.Rebuilt);
        Assert.Equal((1, 0), (site.Requests.Reads, site.Requests.Writes));
    }

    private static async Task<ListingEntity> RowOfAsync(TableClient listing, string slug)
    {
        await foreach (var row in listing.QueryAsync<ListingEntity>(entity => entity.Slug == slug, cancellationToken: Cancellation))
        {
            return row;
        }
        throw new InvalidOperationException($"No listing row for {slug}.");
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}

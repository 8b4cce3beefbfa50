using Serverless.Core.Search;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The background merge of the search index (<see cref="SearchIndexMerger"/>) on Azurite: what it reads.</summary>
public sealed class SearchIndexMergeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_merge_reads_back_none_of_the_segments_the_previous_merge_on_the_instance_wrote()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("first.md", "---\ntitle: The first story\n---\nA harbour reopens after the storm.\n");
        var segments = site.Get<SegmentCache>();
        var readBefore = segments.BytesRead;

        await site.PublishAsync("second.md", "---\ntitle: The second story\n---\nThe ferry timetable changes in spring.\n");

        Assert.Equal(readBefore, segments.BytesRead);
        Assert.Equal(["the-second-story"], await SearchTests.SlugsAsync(site, "q=ferry"));
    }

    [Fact]
    public async Task A_merge_takes_the_documents_of_the_articles_changed_since_the_previous_merge_from_their_change_rows()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("first.md", "---\ntitle: The first story\n---\nA harbour reopens after the storm.\n");
        site.Requests.Reset();

        await site.PublishAsync("second.md", "---\ntitle: The second story\n---\nThe ferry timetable changes in spring.\n");

        // The manifest only: the second article's document is in its change row, and the first's change, still within
        // the late-write window, is in the index already.
        Assert.Equal(1, site.Requests.To("GET", site.Settings["Search:Container"]!));
        Assert.Equal(["the-first-story"], await SearchTests.SlugsAsync(site, "q=harbour"));
        Assert.Equal(["the-second-story"], await SearchTests.SlugsAsync(site, "q=ferry"));
    }

    [Fact]
    public async Task A_document_too_long_for_its_change_row_is_read_from_its_blob()
    {
        await using var site = new TestSite(azurite);
        var words = string.Join(' ', Enumerable.Range(0, 6_000).Select(index => $"mot{index}"));
        Assert.True(words.Length > SearchChangeEntity.MaxDocumentChars);
        site.Requests.Reset();

        await site.PublishAsync("long.md", $"---\ntitle: The long story\n---\nThe lighthouse keeper retires. {words}\n");

        // The manifest, and the document the change row could not hold.
        Assert.Equal(2, site.Requests.To("GET", site.Settings["Search:Container"]!));
        Assert.Equal(["the-long-story"], await SearchTests.SlugsAsync(site, "q=lighthouse"));
    }

    [Fact]
    public async Task An_article_is_applied_from_its_newest_change_even_when_an_older_one_lands_after_it()
    {
        await using var site = new TestSite(azurite);
        var store = site.Get<SearchStore>();
        var now = DateTimeOffset.UtcNow;
        static SearchDocument Version(string body) => new("storm", "The storm", "", body, "en", null, [], DateTimeOffset.UtcNow);
        await store.RecordChangeAsync("storm", now, Version("The ferries sail again."), TestContext.Current.CancellationToken);
        // Stamped earlier, written later: a render's change that took a while to land.
        await store.RecordChangeAsync("storm", now.AddSeconds(-1), Version("The ferries stay in port."), TestContext.Current.CancellationToken);
        using var index = SearchIndex.Open(new Dictionary<string, byte[]>());

        await SearchChanges.ApplyAsync(index, ["storm"], await store.ReadChangesAsync(null, TestContext.Current.CancellationToken), store, TestContext.Current.CancellationToken);
        index.Refresh();

        Assert.Single(index.Search(new SearchRequest("sail"), now).Hits);
        Assert.Empty(index.Search(new SearchRequest("port"), now).Hits);
    }
}

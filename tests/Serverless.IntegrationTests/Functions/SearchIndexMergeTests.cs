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
    public async Task A_merge_reads_the_documents_of_the_articles_changed_since_the_previous_merge_only()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("first.md", "---\ntitle: The first story\n---\nA harbour reopens after the storm.\n");
        site.Requests.Reset();

        await site.PublishAsync("second.md", "---\ntitle: The second story\n---\nThe ferry timetable changes in spring.\n");

        // The manifest, and the second article's document: the first's change, still within the late-write window, is in the index already.
        Assert.Equal(2, site.Requests.To("GET", site.Settings["Search:Container"]!));
        Assert.Equal(["the-first-story"], await SearchTests.SlugsAsync(site, "q=harbour"));
    }
}

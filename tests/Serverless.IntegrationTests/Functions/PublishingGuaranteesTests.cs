using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>At-least-once and out-of-order delivery, failures that heal, renders that fail for good, and what a setting change costs.</summary>
public sealed class PublishingGuaranteesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<ReconcileReport> ReconcileAsync(TestSite? site = null)
    {
        site ??= _site;
        var report = await site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await site.DrainRenderQueueAsync();
        return report;
    }

    private async Task<SourceBlob> DownloadAsync(string blobName) =>
        (await SourceBlob.DownloadAsync(_site.Articles.GetBlobClient(blobName), _site.Get<Serverless.Core.Configuration.SiteOptions>().MaxArticleBytes, Cancellation))!;

    /// <summary>Two versions of one blob, the second uploaded later (last-modified times have a one-second resolution).</summary>
    private async Task<(SourceBlob Older, SourceBlob Newer)> TwoVersionsAsync()
    {
        await _site.UploadAsync("story.md", Samples.FrontMatterArticle("A story", body: "The first version of the story.", extra: "slug: story"));
        var older = await DownloadAsync("story.md");
        await Task.Delay(TimeSpan.FromSeconds(1.1), Cancellation);
        await _site.UploadAsync("story.md", Samples.FrontMatterArticle("A story", body: "The second version of the story.", extra: "slug: story"));
        return (older, await DownloadAsync("story.md"));
    }

    [Fact]
    public async Task Older_version_delivered_after_the_newer_one_changes_nothing()
    {
        var (older, newer) = await TwoVersionsAsync();
        var ingester = _site.Get<ArticleIngester>();
        await ingester.IngestAsync("story.md", newer, Cancellation);

        var late = await ingester.IngestAsync("story.md", older, Cancellation);
        await _site.DrainRenderQueueAsync();

        Assert.Equal(PublishStatus.Unchanged, late.Status);
        Assert.Contains("The second version of the story.", (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_delivered_in_order_end_on_the_newer_one()
    {
        var (older, newer) = await TwoVersionsAsync();
        var ingester = _site.Get<ArticleIngester>();

        await ingester.IngestAsync("story.md", older, Cancellation);
        await ingester.IngestAsync("story.md", newer, Cancellation);
        await _site.DrainRenderQueueAsync();

        Assert.Contains("The second version of the story.", (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_delivered_concurrently_end_on_the_newer_one()
    {
        var (older, newer) = await TwoVersionsAsync();
        var ingester = _site.Get<ArticleIngester>();

        await Task.WhenAll(ingester.IngestAsync("story.md", older, Cancellation), ingester.IngestAsync("story.md", newer, Cancellation));
        await _site.DrainRenderQueueAsync();

        Assert.Contains("The second version of the story.", (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
        var source = await _site.Get<ArticleRepository>().GetSourceAsync("story.md", Cancellation);
        Assert.Equal(newer.Md5, source!.ContentMd5);
        var (listing, _) = await _site.Get<ArticlesByDate>().ListAsync(10, null, Cancellation);
        Assert.Equal("story", Assert.Single(listing).Slug);
    }

    [Fact]
    public async Task Same_version_delivered_twice_concurrently_leaves_one_consistent_state()
    {
        var blob = await _site.UploadAsync("twice.md", Samples.FrontMatterArticle("Twice", extra: "slug: twice"));

        await Task.WhenAll(_site.TriggerIngestAsync(blob), _site.TriggerIngestAsync(blob));
        await _site.DrainRenderQueueAsync();

        Assert.Equal(200, (await _site.GetPageAsync("twice")).StatusCode);
        var (listing, _) = await _site.Get<ArticlesByDate>().ListAsync(10, null, Cancellation);
        Assert.Equal("twice", Assert.Single(listing).Slug);
    }

    [Fact]
    public async Task Settled_failure_and_an_article_at_a_numbered_slug_are_not_retried()
    {
        await _site.UploadAsync("broken.md", "---\ntitle: [\n---\n");
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Taken"));
        await _site.UploadAsync("second.md", Samples.FrontMatterArticle("Taken"));
        await ReconcileAsync();

        var again = await ReconcileAsync();

        Assert.Empty(again.Results);
    }

    [Fact]
    public async Task Image_url_that_cannot_be_parsed_is_recorded_as_failed()
    {
        var result = await _site.PublishAsync("image.md", Samples.FrontMatterArticle("Bad image", extra: "image: \"http://[x\""));

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("'image'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_message_delivered_again_writes_nothing()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Rendered once", extra: "slug: rendered-once"));
        _site.Requests.Reset();

        var result = await _site.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"rendered-once\"}", 1, Cancellation);

        Assert.Equal(RenderStatus.Unchanged, result!.Status);
        Assert.Equal(0, _site.Requests.Writes);
    }

    [Fact]
    public async Task Render_message_sent_before_the_page_last_read_its_inputs_stops_after_one_read()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Rendered after", extra: "slug: rendered-after"));
        _site.Requests.Reset();

        var result = await _site.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"rendered-after\",\"enqueuedAt\":\"2020-01-01T00:00:00+00:00\"}", 1, Cancellation);

        Assert.Equal(RenderStatus.Unchanged, result!.Status);
        Assert.Equal(1, _site.Requests.Total);
    }

    [Fact]
    public async Task Render_message_sent_after_the_page_last_read_its_inputs_reads_them_again()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Rendered before", extra: "slug: rendered-before"));
        _site.Requests.Reset();
        var sent = DateTimeOffset.UtcNow.AddSeconds(1);

        var result = await _site.Get<RenderMessageHandler>().HandleAsync($"{{\"slug\":\"rendered-before\",\"enqueuedAt\":\"{sent:O}\"}}", 1, Cancellation);

        Assert.Equal(RenderStatus.Unchanged, result!.Status);
        Assert.True(_site.Requests.Total > 1, $"{_site.Requests.Total} request(s): the inputs were not read again");
    }

    /// <summary>Six articles on one subject: the first page shows the five others as related.</summary>
    private async Task<IReadOnlyList<RenderedLink>> PageWithFullRelatedListAsync()
    {
        string[] angles = ["grounds flights", "closes airports", "forces evacuations", "darkens the sky", "delays travellers", "worries farmers"];
        for (var index = 0; index < angles.Length; index++)
        {
            await _site.PublishAsync($"eruption-{index}.md", Samples.FrontMatterArticle($"Volcanic eruption {angles[index]}",
                body: $"The volcanic eruption in Iceland {angles[index]}; volcanic ash clouds drift over airports and flights stay grounded.", extra: $"slug: eruption-{index}"));
        }
        await _site.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"eruption-0\"}", 1, Cancellation);
        var computed = (await _site.Get<ArticleRepository>().GetStoredArticleAsync("eruption-0", Cancellation))!.Outputs.Rendered.Links
            .Where(link => link.Kind == RenderedLink.Computed).ToList();
        Assert.Equal(Serverless.Core.Linking.RelatedArticles.MaxShown, computed.Count);
        return computed;
    }

    [Fact]
    public async Task Related_offer_scoring_below_every_shown_related_article_stops_after_one_read()
    {
        var weakest = (await PageWithFullRelatedListAsync()).Min(link => link.Score!.Value);
        _site.Requests.Reset();

        var result = await _site.Get<RenderMessageHandler>().HandleAsync(
            FormattableString.Invariant($"{{\"slug\":\"eruption-0\",\"offer\":{{\"by\":\"another-article\",\"scores\":[{weakest - 0.01:R}]}}}}"), 1, Cancellation);

        Assert.Equal(RenderStatus.Unchanged, result!.Status);
        Assert.Equal(1, _site.Requests.Total);
    }

    [Fact]
    public async Task Related_offer_scoring_above_the_weakest_shown_related_article_reads_the_inputs_again()
    {
        var weakest = (await PageWithFullRelatedListAsync()).Min(link => link.Score!.Value);
        _site.Requests.Reset();

        await _site.Get<RenderMessageHandler>().HandleAsync(
            FormattableString.Invariant($"{{\"slug\":\"eruption-0\",\"offer\":{{\"by\":\"another-article\",\"scores\":[{weakest + 0.01:R}]}}}}"), 1, Cancellation);

        Assert.True(_site.Requests.Total > 1, $"{_site.Requests.Total} request(s): the inputs were not read again");
    }

    /// <summary>
    /// An offer is stamped with when the offering article's keyword rows were in place (its record's last save): a page
    /// that read its related candidates since has weighed it already, as in an import's release wave, where pages render
    /// together and offer themselves to each other.
    /// </summary>
    [Fact]
    public async Task Related_offer_made_before_the_page_last_read_its_inputs_stops_after_one_read()
    {
        await LateRelatedArticleIngestedAsync();
        // Rendered by another instance: this one, had it rendered the page, would not send the offer at all (the next test).
        await using (var other = new TestSite(azurite, _site.Settings))
        {
            await other.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"eruption-0\"}", 1, Cancellation);
        }
        var queue = _site.Get<StorageClients>().RenderQueue;
        await queue.ClearMessagesAsync(Cancellation);
        await _site.Get<OutputPublisher>().RenderAsync("eruption-late", Cancellation);
        var handler = _site.Get<RenderMessageHandler>();
        var fanouts = (await queue.ReceiveMessagesAsync(32, cancellationToken: Cancellation)).Value
            .Where(message => RenderMessage.Parse(message.Body.ToString()) is { Offer.By: "eruption-late", Fanout: not null }).ToList();
        Assert.NotEmpty(fanouts);
        foreach (var fanout in fanouts)
        {
            await handler.HandleAsync(fanout.Body.ToString(), 1, Cancellation);
            await queue.DeleteMessageAsync(fanout.MessageId, fanout.PopReceipt, Cancellation);
        }
        await Task.Delay(_site.Get<RenderQueueClient>().CoalescingDelay + TimeSpan.FromSeconds(0.5), Cancellation);
        var offer = (await queue.ReceiveMessagesAsync(32, cancellationToken: Cancellation)).Value
            .Single(message => RenderMessage.Parse(message.Body.ToString()).Slug == "eruption-0");
        _site.Requests.Reset();

        var result = await handler.HandleAsync(offer.Body.ToString(), 1, Cancellation);

        Assert.Equal(RenderStatus.Unchanged, result!.Status);
        Assert.Equal(1, _site.Requests.Total);
    }

    [Fact]
    public async Task Related_offer_made_before_this_instance_last_rendered_the_page_is_not_sent()
    {
        await LateRelatedArticleIngestedAsync();
        await _site.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"eruption-0\"}", 1, Cancellation);
        var queue = _site.Get<StorageClients>().RenderQueue;
        await queue.ClearMessagesAsync(Cancellation);

        await _site.Get<OutputPublisher>().RenderAsync("eruption-late", Cancellation);

        var offered = (await queue.ReceiveMessagesAsync(32, cancellationToken: Cancellation)).Value
            .Select(message => RenderMessage.Parse(message.Body.ToString())).Where(message => message.Offer?.By == "eruption-late")
            .SelectMany(message => message.Fanout ?? [message.Slug!]).ToList();
        Assert.NotEmpty(offered);
        Assert.DoesNotContain("eruption-0", offered);
    }

    /// <summary>A page with a full related list, then an article that may enter it ingested (not rendered), and the clock skew allowed waited out.</summary>
    private async Task LateRelatedArticleIngestedAsync()
    {
        await PageWithFullRelatedListAsync();
        await _site.TriggerIngestAsync(await _site.UploadAsync("eruption-late.md", Samples.FrontMatterArticle("Volcanic eruption grounds flights again",
            body: "The volcanic eruption in Iceland grounds flights again; volcanic ash clouds drift over airports.", extra: "slug: eruption-late")));
        await Task.Delay(OutputPublisher.ClockSkew * 1.5, Cancellation);
    }

    [Fact]
    public async Task Related_offer_from_an_article_the_page_already_shows_reads_the_inputs_again()
    {
        var shown = (await PageWithFullRelatedListAsync())[0];
        _site.Requests.Reset();

        // However low its score now, an article the page shows may have changed its title or left the list.
        await _site.Get<RenderMessageHandler>().HandleAsync(
            $"{{\"slug\":\"eruption-0\",\"offer\":{{\"by\":\"{shown.Slug}\",\"scores\":[0]}}}}", 1, Cancellation);

        Assert.True(_site.Requests.Total > 1, $"{_site.Requests.Total} request(s): the inputs were not read again");
    }

    [Fact]
    public async Task Related_page_follows_an_article_published_in_the_same_burst_after_its_last_render()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Volcanic eruption grounds flights", body: "The volcanic eruption grounded flights across Iceland; volcanic ash clouds drift over airports.", extra: "slug: eruption-flights"));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation); // the first page's render is then well before the second upload

        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Volcanic ash closes airports", body: "Volcanic ash from the eruption closed airports; flights across Iceland stay grounded.", extra: "slug: ash-airports"));

        Assert.Contains("/articles/ash-airports", (await _site.GetPageAsync("eruption-flights")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_failing_on_every_delivery_shows_as_failed_and_the_previous_page_stays_served()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Served before", extra: "slug: served-before"));
        var before = await _site.GetPageAsync("served-before");
        await _site.BreakRecordAsync("served-before");
        var handler = _site.Get<RenderMessageHandler>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync("{\"slug\":\"served-before\"}", 1, Cancellation));
        // Not failed before the last delivery: still waiting for its page.
        Assert.Equal("Rendering", (await _site.GetAdminStatusAsync("story.md")).Json.GetProperty("state").GetString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync("{\"slug\":\"served-before\"}", RenderMessageHandler.MaxDequeueCount, Cancellation));

        var (_, status) = await _site.GetAdminStatusAsync("story.md");
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.StartsWith($"Rendering failed {RenderMessageHandler.MaxDequeueCount} times: The body", status.GetProperty("renderFailure").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Body, (await _site.GetPageAsync("served-before")).Body);
    }

    [Fact]
    public async Task Malformed_render_message_is_refused()
    {
        var handler = _site.Get<RenderMessageHandler>();

        await Assert.ThrowsAsync<FormatException>(() => handler.HandleAsync("{\"slug\":\"../../etc\"}", 1, Cancellation));
        await Assert.ThrowsAsync<FormatException>(() => handler.HandleAsync("not json", 1, Cancellation));
    }

    [Fact]
    public async Task Changing_cache_seconds_renders_nothing_again_and_changing_the_site_name_renders_everything()
    {
        await _site.PublishAsync("a.md", Samples.FrontMatterArticle("First", extra: "slug: first"));
        await _site.PublishAsync("b.md", Samples.FrontMatterArticle("Second", extra: "slug: second"));

        await using (var longerCache = new TestSite(azurite, new Dictionary<string, string?>(_site.Settings) { ["Site:CacheSeconds"] = "600", ["Site:ServerCacheSeconds"] = "5" }))
        {
            var report = await longerCache.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
            Assert.Equal((0, 0), (report.Results.Count, report.RendersRequested));
            Assert.Empty(await longerCache.DrainRenderQueueAsync());
        }
        await using var renamed = new TestSite(azurite, new Dictionary<string, string?>(_site.Settings) { ["Site:Name"] = "Serverless Daily" });
        var renaming = await renamed.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        var renders = await renamed.DrainRenderQueueAsync();

        Assert.Equal(2, renaming.RendersRequested);
        Assert.Equal(2, renders.Count(render => render.Status == RenderStatus.Rendered));
        Assert.Contains("Serverless Daily", (await renamed.GetPageAsync("first")).Body, StringComparison.Ordinal);
    }
}

using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// The site-file stage: handles one site-file message, for the Functions queue trigger and the local server's worker
/// alike. It rebuilds the file unless a rebuild already read its inputs after the request was made, then records when
/// this rebuild read them. A shared file contended by other instances is retried here, never in an article's render;
/// a message that keeps failing goes to the poison queue, and the next request for the file rebuilds it. The document
/// frequencies go through the same stage: a merge of the counts ingests left pending is asked for like a rebuild, and
/// made once per window.
/// </summary>
public sealed partial class SiteFileMessageHandler(
    StorageClients storage,
    FeedFiles feeds,
    SitemapFiles sitemaps,
    TagFiles tags,
    AuthorFiles authors,
    DocumentFrequencyMerger frequencies,
    DocumentFrequencies counts,
    RenderQueueClient renders,
    SiteFileRequests queue,
    Search.SearchIndexMerger search,
    NewsSitemapFiles news,
    Discovery.IndexNowSubmissions indexNow,
    Discovery.WebSubPings webSub,
    Rendering.SiteUrls urls,
    SiteThemeSheet theme,
    TimeProvider time,
    ILogger<SiteFileMessageHandler> logger)
{
    /// <summary>The largest difference assumed between the clocks of the requesting and the rebuilding instance.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    public async Task<SiteFileResult> HandleAsync(string body, CancellationToken cancellationToken)
    {
        SiteFileKey file;
        DateTimeOffset requestedAt;
        try
        {
            (file, requestedAt) = SiteFileMessage.Parse(body);
        }
        catch (FormatException exception)
        {
            LogMalformed(exception.Message);
            throw;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var key = file.ToString();
        var state = await storage.SiteFilesTable.GetOrNullAsync<SiteFileState>(key, SiteFileState.Row, cancellationToken);
        if (state is not null && state.InputsReadAt > requestedAt + ClockSkew)
        {
            LogSkipped(key);
            return new SiteFileResult(file, requestedAt, Rebuilt: false);
        }
        if (file.Kind is SiteFileKind.Author or SiteFileKind.Tag)
        {
            // Pages name the theme sheet: read after the change, as their other inputs are.
            await theme.RefreshAsync(requestedAt + ClockSkew, cancellationToken);
        }
        var readAt = time.GetUtcNow();
        switch (file.Kind)
        {
            case SiteFileKind.Feeds:
                await feeds.RebuildAsync(cancellationToken);
                await webSub.PingAsync([urls.RssFeed, urls.AtomFeed], cancellationToken);
                break;
            case SiteFileKind.NewsSitemap:
                await news.RebuildAsync(cancellationToken);
                // The index names the news sitemap while it has articles, with its lastmod: asked for after each rebuild, as for a shard.
                await queue.RequestAsync([SiteFileKey.SitemapIndex], cancellationToken);
                break;
            case SiteFileKind.IndexNow:
                await indexNow.SubmitAsync(cancellationToken);
                break;
            case SiteFileKind.SitemapShard:
                await sitemaps.RebuildShardAsync(file.Argument!, cancellationToken);
                // The index gives each shard's lastmod: asked for after every shard rebuild, so a crash between the two
                // is made up for by the redelivery.
                await queue.RequestAsync([SiteFileKey.SitemapIndex], cancellationToken);
                break;
            case SiteFileKind.SitemapIndex:
                await sitemaps.RebuildIndexAsync(cancellationToken);
                break;
            case SiteFileKind.DocumentFrequencies:
                var corpusBefore = await counts.CorpusAsync(cancellationToken);
                var merge = await frequencies.MergeAsync(cancellationToken);
                if (!merge.Complete)
                {
                    // A backlog larger than a pass: the next window's pass goes on with it (before this one is recorded,
                    // so a crash in between is redelivered and asks again).
                    await queue.RequestAsync([SiteFileKey.DocumentFrequencies], cancellationToken);
                }
                var corpusAfter = await counts.CorpusAsync(cancellationToken);
                if (merge.Merged > 0 && Linking.RelatedArticles.Generation(corpusAfter) > Linking.RelatedArticles.Generation(corpusBefore))
                {
                    // The corpus entered a new step of size: keywords weighed two steps ago are due to be weighed again;
                    // during an import (more than one article in the window), once it stops growing. One lost to a crash
                    // here is made up by the next step's, which walks every generation from the oldest.
                    await renders.RequestReweighingAsync(merge.Merged > 1 && renders.SettleDelay > TimeSpan.Zero
                        ? KeywordReweighing.FromOldestOnceSettled(corpusAfter, time.GetUtcNow())
                        : KeywordReweighing.FromOldest, cancellationToken);
                }
                break;
            case SiteFileKind.Author:
                await authors.RebuildAsync(file.Argument!, cancellationToken);
                break;
            case SiteFileKind.SearchIndex:
                await search.MergeAsync(cancellationToken);
                break;
            default:
                await tags.RebuildAsync(file.Argument!, cancellationToken);
                await webSub.PingAsync([urls.TagFeed(file.Argument!)], cancellationToken);
                break;
        }
        await RecordAsync(key, state, readAt, cancellationToken);
        LogRebuilt(key);
        return new SiteFileResult(file, requestedAt, Rebuilt: true);
    }

    /// <summary>Records when this rebuild read its inputs, unless a later rebuild recorded a later time meanwhile.</summary>
    private async Task RecordAsync(string key, SiteFileState? state, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var updated = new SiteFileState { PartitionKey = key, InputsReadAt = readAt };
        try
        {
            if (state is null)
            {
                await storage.SiteFilesTable.AddEntityAsync(updated, cancellationToken);
            }
            else
            {
                await storage.SiteFilesTable.UpdateEntityAsync(updated, state.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another rebuild recorded its time meanwhile. Should it be earlier than this one's, a later request rebuilds once more: safe.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{File}: rebuilt since this request; nothing to do")]
    private partial void LogSkipped(string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} rebuilt")]
    private partial void LogRebuilt(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Malformed site-file message: {Reason}")]
    private partial void LogMalformed(string reason);
}

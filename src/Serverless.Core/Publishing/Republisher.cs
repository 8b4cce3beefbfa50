using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing;

/// <param name="Sources">Sources marked for ingest again.</param>
/// <param name="Articles">Live articles whose page is rendered again.</param>
public sealed record RepublishReport(int Sources, int Articles, int RenderMessages);

/// <summary>
/// Republishes everything, for an operator after a fix in the parser or template, or to clear a failure: every source
/// is ingested again and every live article's page rendered again, even where nothing seems to have changed. It only
/// sets the work in motion, with the means the pipeline already has: a source recorded with no ingest version is one
/// the reconciliation ingests again (its next pass), and a page whose input hash is forgotten is one stage 2 renders
/// again (its messages are sent now). Each step is idempotent: republishing twice does no harm.
/// </summary>
public sealed partial class Republisher(ArticleRepository repository, RenderQueueClient queue, ILogger<Republisher> logger)
{
    public async Task<RepublishReport> RepublishAsync(CancellationToken cancellationToken)
    {
        var sources = 0;
        await foreach (var page in repository.ListSourcePagesAsync(cancellationToken))
        {
            foreach (var source in page)
            {
                source.IngestVersion = null;
                sources += await SaveUnlessChangedAsync(() => repository.SaveSourceAsync(source, source, cancellationToken)) ? 1 : 0;
            }
        }
        var slugs = new List<string>();
        await foreach (var page in repository.ListArticleStatePagesAsync(cancellationToken))
        foreach (var state in page.Where(state => state.IsLive))
        {
            // The listing holds some properties only: the whole record is read before it is written back.
            if (await repository.GetArticleAsync(state.Slug, cancellationToken) is not { IsLive: true } article)
            {
                continue;
            }
            article.PageInputHash = null;
            if (await SaveUnlessChangedAsync(() => repository.SaveArticleAsync(article, article, cancellationToken)))
            {
                slugs.Add(article.Slug);
            }
        }
        var messages = await queue.EnqueueAsync(slugs, cancellationToken);
        LogRepublishing(sources, slugs.Count, messages);
        return new RepublishReport(sources, slugs.Count, messages);
    }

    /// <summary>A record changed since it was listed is being processed already: that processing publishes it afresh.</summary>
    private static async Task<bool> SaveUnlessChangedAsync(Func<Task> save)
    {
        try
        {
            await save();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Republishing: {SourceCount} sources to ingest again, {ArticleCount} pages to render again ({MessageCount} render messages)")]
    private partial void LogRepublishing(int sourceCount, int articleCount, int messageCount);
}

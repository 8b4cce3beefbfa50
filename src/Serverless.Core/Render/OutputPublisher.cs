using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Publishing;
using Serverless.Core.Render.Outputs;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Stage 2 of publishing, run for one slug by the render-queue trigger: renders the article's page from its record,
/// its resolved links, its backlinks and its related list, switches the served page with one conditional write, then
/// brings the other outputs in line. Skipped with a single read when the inputs hash to the served page's; an article
/// no longer live has its outputs taken down. Safe under at-least-once delivery and concurrent renders of one slug.
/// </summary>
public sealed partial class OutputPublisher(
    ArticleRepository repository,
    BodyStore bodies,
    PageStore pages,
    RenderInputsLoader inputsLoader,
    ArticlePageRenderer renderer,
    IEnumerable<IArticleOutput> outputs,
    RenderQueueClient queue,
    PipelineVersion version,
    SiteUrls urls,
    PublishingMetrics metrics,
    TimeProvider time,
    ILogger<OutputPublisher> logger)
{
    /// <summary>
    /// The largest difference assumed between the clocks of the instance that sent a render message and the one that
    /// rendered: a page counts as rendered after a message only if its inputs were read this much later.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    /// <param name="enqueuedAt">When the change asking for this render was done (its message's stamp); null always renders.</param>
    /// <param name="offer">Set when the page is asked for only because another article may enter its related list.</param>
    public async Task<RenderResult> RenderAsync(string slug, CancellationToken cancellationToken, DateTimeOffset? enqueuedAt = null, RelatedOffer? offer = null)
    {
        // Ingest or another render may change the record between the read and the switch: read again and redo.
        return await OptimisticConcurrency.RetryAsync(_ => RenderOnceAsync(slug, enqueuedAt, offer, cancellationToken),
            attempt => LogConcurrentWrite(slug, attempt), exception => exception.Status == 412);
    }

    private async Task<RenderResult> RenderOnceAsync(string slug, DateTimeOffset? enqueuedAt, RelatedOffer? offer, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return new RenderResult(slug, RenderStatus.Missing);
        }
        if (RenderedSince(article, enqueuedAt))
        {
            // Another render read every input after this message's change was made: its page already shows it.
            LogCoalesced(slug);
            return new RenderResult(slug, RenderStatus.Unchanged);
        }
        if (offer is not null && CannotEnter(article, offer))
        {
            LogOfferDeclined(slug, offer.By);
            return new RenderResult(slug, RenderStatus.Unchanged);
        }
        if (article.Pending is { } unfinished)
        {
            await CompleteAsync(article, unfinished, cancellationToken);
        }
        if (!article.IsLive)
        {
            return await RetractAsync(article, cancellationToken);
        }

        var inputs = await inputsLoader.LoadAsync(article, cancellationToken);
        var inputHash = inputs.Hash(version.Render, article.RecordHash!);
        if (inputHash == article.PageInputHash && article.PageBlob is not null && article.RenderFailure is null)
        {
            LogUnchanged(slug);
            return new RenderResult(slug, RenderStatus.Unchanged);
        }

        var body = await bodies.ReadAsync(article.BodyBlob!, cancellationToken)
            ?? throw new InvalidOperationException($"The body '{article.BodyBlob}' of '{slug}' is missing: the record is being replaced, or ingest must run again.");
        var page = inputs.Page(article, Encoding.UTF8.GetString(body), urls);
        var html = renderer.RenderUtf8(page);
        var pageHash = Convert.ToHexStringLower(SHA256.HashData(html))[..32];
        var pageBlob = PageStore.BlobNameFor(slug, pageHash);
        if (article.PageBlob != pageBlob)
        {
            await pages.SaveAsync(pageBlob, html, cancellationToken);
        }

        // The switch: the new page, the outputs' state, and the work that must follow, in one conditional write.
        var cause = article.RenderedRecordHash != article.RecordHash ? "record" : article.RenderVersion != version.Render ? "template" : "dependency";
        var previous = article.Rendered;
        var rendered = inputs.Rendered(article, urls);
        var listingRow = TableKeys.ListingRow(article.Published, slug);
        var pending = new PendingWork(
            StaleListingRows: article.ListingRowKey is { } oldRow && oldRow != listingRow ? [oldRow] : [],
            StalePages: article.PageBlob is { } oldPage && oldPage != pageBlob ? [oldPage] : [],
            Notify: CitedPagesToUpdate(previous, rendered));
        article.PageBlob = pageBlob;
        article.PageHash = pageHash;
        article.PageInputHash = inputHash;
        article.InputsReadAt = readAt;
        article.RenderedRecordHash = article.RecordHash;
        article.RenderVersion = version.Render;
        article.ListingRowKey = listingRow;
        article.Rendered = rendered;
        article.ShareImage = page.Image;
        article.RenderFailure = null;
        article.Pending = pending;
        await repository.SaveArticleAsync(article, article, cancellationToken);
        metrics.Rendered(cause);
        if (cause == "record")
        {
            metrics.PublishLatency(time.GetUtcNow() - article.SourceLastModified);
        }
        await CompleteAsync(article, pending, cancellationToken);
        LogRendered(slug, html.Length, pending.Notify.Count);
        return new RenderResult(slug, RenderStatus.Rendered);
    }

    /// <summary>Takes down the outputs of an article that is no longer live; the pages it cited drop it from their "cited in".</summary>
    private async Task<RenderResult> RetractAsync(ArticleEntity article, CancellationToken cancellationToken)
    {
        if (article.PageBlob is null && article.ListingRowKey is null && !article.Rendered.Links.Any())
        {
            return new RenderResult(article.Slug, RenderStatus.Unchanged);
        }
        var pending = new PendingWork(
            StaleListingRows: article.ListingRowKey is { } row ? [row] : [],
            StalePages: article.PageBlob is { } page ? [page] : [],
            Notify: [.. article.Rendered.CitedSlugs.Distinct(StringComparer.Ordinal)]);
        article.PageBlob = null;
        article.PageHash = null;
        article.PageInputHash = null;
        article.InputsReadAt = null;
        article.RenderedRecordHash = null;
        article.ListingRowKey = null;
        article.Rendered = RenderedLinks.Empty;
        article.ShareImage = null;
        article.Pending = pending;
        await repository.SaveArticleAsync(article, article, cancellationToken);
        await CompleteAsync(article, pending, cancellationToken);
        LogRetracted(article.Slug, article.Status);
        return new RenderResult(article.Slug, RenderStatus.Retracted);
    }

    /// <summary>
    /// What follows a switch: the other outputs, the previous version's leftovers, the pages whose "cited in" changed.
    /// Each step is idempotent; the record keeps the work until it is all done.
    /// </summary>
    private async Task CompleteAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        foreach (var output in outputs)
        {
            await output.ApplyAsync(article, pending, cancellationToken);
        }
        foreach (var stale in pending.StalePages.Where(stale => stale != article.PageBlob))
        {
            await pages.DeleteAsync(stale, cancellationToken);
        }
        await queue.EnqueueAsync(pending.Notify, cancellationToken);
        article.Pending = null;
        try
        {
            await repository.SaveArticleAsync(article, article, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Someone wrote the record since the switch and kept the pending work in it: the next render redoes it, harmlessly.
            LogConcurrentWrite(article.Slug, 1);
        }
    }

    /// <summary>
    /// Whether the served page was rendered, with this version and with nothing left pending, from inputs read after
    /// <paramref name="enqueuedAt"/> (allowing for <see cref="ClockSkew"/>).
    /// </summary>
    private bool RenderedSince(ArticleEntity article, DateTimeOffset? enqueuedAt) =>
        enqueuedAt is { } sent && article.InputsReadAt is { } read && read > sent + ClockSkew
        && article is { IsLive: true, Pending: null, RenderFailure: null, PageBlob: not null }
        && article.RenderVersion == version.Render && article.RenderedRecordHash == article.RecordHash;

    /// <summary>
    /// Whether the article offering itself cannot enter the served page's related list: the page is up to date with its
    /// own record and template, does not show the article at all, and shows <see cref="RelatedArticles.MaxShown"/> computed
    /// suggestions that each score more. Scores are those of the page's last render; like the cut at
    /// <see cref="ArticleIngester.MaxRelatedRenders"/>, relatedness tolerates that lag, and the page's next render settles it.
    /// </summary>
    private bool CannotEnter(ArticleEntity article, RelatedOffer offer)
    {
        if (article is not { IsLive: true, Pending: null, RenderFailure: null, PageBlob: not null }
            || article.RenderVersion != version.Render || article.RenderedRecordHash != article.RecordHash
            || offer.Scores is not [var score])
        {
            return false;
        }
        var links = article.Rendered.Links;
        if (links.Any(link => link.Slug == offer.By))
        {
            return false;
        }
        var computed = links.Where(link => link.Kind == RenderedLink.Computed).ToList();
        return computed.Count >= RelatedArticles.MaxShown && computed.All(link => link.Score > score);
    }

    /// <summary>Articles this one links to whose "cited in" list changes: links added or removed, or this article's title changed.</summary>
    private static string[] CitedPagesToUpdate(RenderedLinks previous, RenderedLinks current)
    {
        var before = previous.CitedSlugs.ToHashSet(StringComparer.Ordinal);
        var after = current.CitedSlugs.ToHashSet(StringComparer.Ordinal);
        return previous.Title != current.Title
            ? [.. before.Union(after)]
            : [.. before.Except(after).Union(after.Except(before))];
    }

    /// <summary>
    /// A render that failed on every delivery: its message goes to the poison queue, and the reason shows in the
    /// article's status; the previously rendered page stays served.
    /// </summary>
    public async Task RecordFailureAsync(string slug, string reason, CancellationToken cancellationToken)
    {
        metrics.RenderFailed();
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return;
        }
        article.RenderFailure = reason;
        try
        {
            await repository.SaveArticleAsync(article, article, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            LogConcurrentWrite(slug, 1); // the record changed: a new render is on its way
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {Slug}: {Bytes} bytes; {NotifiedCount} cited pages to update")]
    private partial void LogRendered(string slug, int bytes, int notifiedCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Slug}: inputs unchanged since the served page; nothing written")]
    private partial void LogUnchanged(string slug);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Slug}: {By} scores below every related article the page shows; nothing to do")]
    private partial void LogOfferDeclined(string slug, string by);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Slug}: rendered since this message was sent; nothing to do")]
    private partial void LogCoalesced(string slug);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Slug} is {Status}: its outputs are taken down")]
    private partial void LogRetracted(string slug, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent write while rendering {Slug} (attempt {Attempt}); re-reading")]
    private partial void LogConcurrentWrite(string slug, int attempt);
}

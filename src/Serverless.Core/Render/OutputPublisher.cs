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
    RenderedPages renderedPages,
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
        // Another render of the slug may switch between the read and this one's switch: read again and redo.
        return await OptimisticConcurrency.RetryAsync(_ => RenderOnceAsync(slug, enqueuedAt, offer, cancellationToken),
            attempt => LogConcurrentWrite(slug, attempt));
    }

    private async Task<RenderResult> RenderOnceAsync(string slug, DateTimeOffset? enqueuedAt, RelatedOffer? offer, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return new RenderResult(slug, RenderStatus.Missing);
        }
        var (record, state) = (article.Record, article.Outputs);
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
        if (state.Pending is { } unfinished)
        {
            await CompleteAsync(article, unfinished, cancellationToken);
        }
        if (!article.IsLive)
        {
            return await RetractAsync(article, cancellationToken);
        }

        // Index reads other renders made after this message's change show it: shared rather than read again.
        var inputs = await inputsLoader.LoadAsync(record, cancellationToken, enqueuedAt + ClockSkew);
        var inputHash = inputs.Hash(version.Render, record.RecordHash!);
        // A page that has still to tell the pages it cites (RenderedLinks.CitedUntold) tells them once it can, inputs unchanged or not.
        var citedToTell = state.Rendered.CitedUntold && Ingest.ArticleRecords.CitationsIndexed(record);
        if (inputHash == state.PageInputHash && state.PageBlob is not null && state.RenderFailure is null && !citedToTell)
        {
            LogUnchanged(slug);
            return new RenderResult(slug, RenderStatus.Unchanged);
        }

        var body = await bodies.ReadAsync(record.BodyBlob!, cancellationToken)
            ?? throw new InvalidOperationException($"The body '{record.BodyBlob}' of '{slug}' is missing: the record is being replaced, or ingest must run again.");
        var page = inputs.Page(record, Encoding.UTF8.GetString(body), urls);
        var html = renderer.RenderUtf8(page);
        var pageHash = Convert.ToHexStringLower(SHA256.HashData(html))[..32];
        var pageBlob = PageStore.BlobNameFor(slug, pageHash);
        if (state.PageBlob != pageBlob)
        {
            await pages.SaveAsync(pageBlob, html, cancellationToken);
        }

        // The switch: the new page, the outputs' state, and the work that must follow, in one conditional write of the
        // outputs row. The record is not written: an ingest replacing it meanwhile asks for the render that shows it.
        var cause = state.RenderedRecordHash != record.RecordHash ? "record" : state.RenderVersion != version.Render ? "template" : "dependency";
        var previous = state.Rendered;
        var rendered = inputs.Rendered(record, urls) with { CitedUntold = !Ingest.ArticleRecords.CitationsIndexed(record) };
        var listingRow = TableKeys.ListingRow(record.Published, slug);
        // A record an ingest changed offers the article to its related pages when what relatedness reads of it changed
        // (a new article, new keywords, tags, title or date); weighing its keywords again, which keeps the record, does not.
        var profile = ArticleSnapshot.Of(record)!.RelatednessHash();
        var offers = cause == "record" && profile != state.OfferedProfile ? inputs.Offers : [];
        var pending = new PendingWork(
            StaleListingRows: state.ListingRowKey is { } oldRow && oldRow != listingRow ? [oldRow] : [],
            StalePages: state.PageBlob is { } oldPage && oldPage != pageBlob ? [oldPage] : [],
            Notify: CitedPagesToUpdate(previous, rendered)) { Offers = offers };
        state.PageBlob = pageBlob;
        state.PageHash = pageHash;
        state.PageInputHash = inputHash;
        var inputsReadAt = inputs.SharedReadAt is { } shared && shared < readAt ? shared : readAt;
        state.InputsReadAt = inputsReadAt;
        state.RenderedRecordHash = record.RecordHash;
        state.RenderVersion = version.Render;
        state.ListingRowKey = listingRow;
        state.Rendered = rendered;
        state.ShareImage = page.Image;
        state.RenderFailure = null;
        state.OfferedProfile = profile;
        state.Pending = pending;
        // What the outputs will write and must be able to remove is recorded in this write, not in one of its own.
        RecordStateAhead(article);
        await repository.SaveOutputsAsync(state, cancellationToken);
        renderedPages.Rendered(slug, inputsReadAt);
        metrics.Rendered(cause);
        if (cause == "record")
        {
            metrics.PublishLatency(time.GetUtcNow() - record.SourceLastModified);
        }
        await CompleteAsync(article, pending, cancellationToken);
        LogRendered(slug, html.Length, pending.Notify.Count);
        return new RenderResult(slug, RenderStatus.Rendered);
    }

    /// <summary>Takes down the outputs of an article that is no longer live; the pages it cited drop it from their "cited in".</summary>
    private async Task<RenderResult> RetractAsync(StoredArticle article, CancellationToken cancellationToken)
    {
        var state = article.Outputs;
        if (state.PageBlob is null && state.ListingRowKey is null && !state.Rendered.Links.Any())
        {
            return new RenderResult(article.Slug, RenderStatus.Unchanged);
        }
        var pending = new PendingWork(
            StaleListingRows: state.ListingRowKey is { } row ? [row] : [],
            StalePages: state.PageBlob is { } page ? [page] : [],
            Notify: [.. state.Rendered.CitedSlugs.Distinct(StringComparer.Ordinal)]);
        state.PageBlob = null;
        state.PageHash = null;
        state.PageInputHash = null;
        state.InputsReadAt = null;
        state.RenderedRecordHash = null;
        state.ListingRowKey = null;
        state.Rendered = RenderedLinks.Empty;
        state.ShareImage = null;
        state.Pending = pending;
        await repository.SaveOutputsAsync(state, cancellationToken);
        await CompleteAsync(article, pending, cancellationToken);
        LogRetracted(article.Slug, article.Record.Status);
        return new RenderResult(article.Slug, RenderStatus.Retracted);
    }

    /// <summary>
    /// What follows a switch: the other outputs, the previous version's leftovers, the pages whose "cited in" changed.
    /// Each step is idempotent; the outputs row keeps the work until it is all done, and each output's state with it.
    /// </summary>
    private async Task CompleteAsync(StoredArticle article, PendingWork pending, CancellationToken cancellationToken)
    {
        var state = article.Outputs;
        if (RecordStateAhead(article))
        {
            await repository.SaveOutputsAsync(state, cancellationToken);
        }
        foreach (var output in outputs)
        {
            state.SetOutputState(output.Name, await output.ApplyAsync(article, state.OutputState(output.Name), pending, cancellationToken));
        }
        foreach (var stale in pending.StalePages.Where(stale => stale != state.PageBlob))
        {
            await pages.DeleteAsync(stale, cancellationToken);
        }
        // What the cited pages show of this one ("cited in") comes from the index rows its ingest wrote before it last
        // saved the record: a page that read them since needs no other render.
        await queue.EnqueueAsync(pending.Notify, cancellationToken, delayed: true, changedAt: article.Record.Timestamp);
        // So are the keyword rows a related page finds this one by (ingest, or the re-weighing, writes them, then the
        // record): a page that read its related candidates since has weighed this article already. In an import's
        // release wave most have, and their offers stop after one read.
        await queue.EnqueueAsync([], cancellationToken, offeredBy: article.Slug, offers: pending.Offers.Select(offer => (offer.Slug, offer.Score)),
            changedAt: article.Record.Timestamp);
        state.Pending = null;
        try
        {
            await repository.SaveOutputsAsync(state, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Another render switched since, and kept its own pending work: the next render redoes this, harmlessly.
            LogConcurrentWrite(article.Slug, 1);
        }
    }

    /// <summary>
    /// Sets in the outputs' state what each output is about to write and must be able to remove later
    /// (<see cref="IArticleOutput.StateAhead"/>), to be saved before it writes; returns whether any changed. A render
    /// records it with its switch (measured at 1,000 articles: a write of its own cost most first renders one more request).
    /// </summary>
    private bool RecordStateAhead(StoredArticle article)
    {
        var state = article.Outputs;
        var changed = false;
        foreach (var output in outputs)
        {
            if (output.StateAhead(article, state.OutputState(output.Name)) is { } ahead && ahead != state.OutputState(output.Name))
            {
                state.SetOutputState(output.Name, ahead);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// Whether the served page is current (<see cref="StoredArticle.IsCurrent"/>) and was rendered from inputs read
    /// after <paramref name="enqueuedAt"/> (allowing for <see cref="ClockSkew"/>).
    /// </summary>
    private bool RenderedSince(StoredArticle article, DateTimeOffset? enqueuedAt) =>
        enqueuedAt is { } sent && article.Outputs.InputsReadAt is { } read && read > sent + ClockSkew && article.IsCurrent(version.Render);

    /// <summary>
    /// Whether the article offering itself cannot enter the served page's related list: the page is up to date with its
    /// own record and template, does not show the article at all, and shows <see cref="RelatedArticles.MaxShown"/> computed
    /// suggestions that each score more. Scores are those of the page's last render; like the cut at
    /// <see cref="ArticleIngester.MaxRelatedRenders"/>, relatedness tolerates that lag, and the page's next render settles it.
    /// </summary>
    private bool CannotEnter(StoredArticle article, RelatedOffer offer)
    {
        if (!article.IsCurrent(version.Render) || offer.Scores is not [var score])
        {
            return false;
        }
        var links = article.Outputs.Rendered.Links;
        if (links.Any(link => link.Slug == offer.By))
        {
            return false;
        }
        var computed = links.Where(link => link.Kind == RenderedLink.Computed).ToList();
        return computed.Count >= RelatedArticles.MaxShown && computed.All(link => link.Score > score);
    }

    /// <summary>
    /// Articles this one links to whose "cited in" list changes: links added or removed, or this article's title changed.
    /// None while its citation rows wait for its weighing; all it cites on the first render after.
    /// </summary>
    private static string[] CitedPagesToUpdate(RenderedLinks previous, RenderedLinks current)
    {
        if (current.CitedUntold)
        {
            return [];
        }
        HashSet<string> before = previous.CitedUntold ? [] : previous.CitedSlugs.ToHashSet(StringComparer.Ordinal);
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
        var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return;
        }
        article.Outputs.RenderFailure = reason;
        try
        {
            await repository.SaveOutputsAsync(article.Outputs, cancellationToken);
        }
        catch (RequestFailedException exception) when (OptimisticConcurrency.IsConflict(exception))
        {
            LogConcurrentWrite(slug, 1); // another render wrote the outputs since: it is the one to report on
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

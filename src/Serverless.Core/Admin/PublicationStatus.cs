using Serverless.Core.Admin;
using Serverless.Core.Articles;
using Serverless.Core.Ingest;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>Where an uploaded blob stands after both stages.</summary>
public enum PublicationState
{
    /// <summary>Ingested; its page is not rendered yet (stage 2 pending).</summary>
    Rendering,
    Published,
    /// <summary>Ingest refused the content, or rendering failed for good; the message says why.</summary>
    Failed,
    Draft,
    /// <summary>Dated in the future: public from its date, without a re-upload.</summary>
    Scheduled,
    /// <summary>Not an article (wrong extension): kept in the container, never published.</summary>
    Ignored,
}

/// <param name="ContentMd5">Base64 MD5 of the content this status is about (compare with the uploaded file's).</param>
/// <param name="PreviousVersionServed">A failed update whose article keeps serving the version published before.</param>
/// <param name="RenderFailure">Why stage 2 gave up on the article's last render (its message then went to the poison queue); null when it did not.</param>
/// <param name="SlugSource">Why the article lives at <paramref name="Slug"/> (<see cref="Articles.SlugSource"/>): null for images and unpublished blobs.</param>
public sealed record PublicationStatus(
    string BlobName, PublicationState State, string? Message, string? Slug, string? Url, string? Title,
    IReadOnlyList<string> Warnings, DateTimeOffset ProcessedAt, string? ContentMd5, bool PreviousVersionServed, string? RenderFailure = null,
    SlugSource? SlugSource = null);

/// <summary>Where publication statuses are read from: storage itself, or the admin API of a running server.</summary>
public interface IPublicationStatusSource
{
    /// <summary>The status of the latest processed version of <paramref name="blobName"/>; null if never processed.</summary>
    Task<PublicationStatus?> ForBlobAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The status of the blob published at <paramref name="slug"/>; null if no article has that slug.</summary>
    Task<PublicationStatus?> ForSlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// A page of at most <paramref name="top"/> processed blobs, in the order of their keys, from the first or from
    /// <paramref name="continuationToken"/> (the token of the page before).
    /// </summary>
    /// <exception cref="FormatException">The token is not one a page returned.</exception>
    Task<AdminPage<PublicationStatus>> ListAsync(int top, string? continuationToken, CancellationToken cancellationToken);
}

/// <summary>
/// The one place that says how an uploaded blob was published, from the source record (stage 1) and the article's
/// outputs (stage 2). The command line and the admin API both read it.
/// </summary>
public sealed class PublicationStatusReader(ArticleRepository repository, SiteUrls urls) : IPublicationStatusSource
{
    public async Task<PublicationStatus?> ForBlobAsync(string blobName, CancellationToken cancellationToken) =>
        await repository.GetSourceAsync(blobName, cancellationToken) is { } source
            ? await StatusOfAsync(source, cancellationToken)
            : null;

    public async Task<PublicationStatus?> ForSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || await repository.GetArticleAsync(slug, cancellationToken) is not { } article)
        {
            return null;
        }
        if (article is { ArticleStatus: ArticleStatus.Moved, MovedTo: { } movedTo })
        {
            return await ForSlugAsync(movedTo, cancellationToken);
        }
        return article.SourceBlob.Length > 0 ? await ForBlobAsync(article.SourceBlob, cancellationToken) : null;
    }

    /// <summary>Point reads in flight at once while a page's articles are read.</summary>
    private const int ReadParallelism = 16;

    /// <summary>One query of the sources table, then one point read per article the page's sources name: a page costs at most 1 + <paramref name="top"/> requests.</summary>
    public async Task<AdminPage<PublicationStatus>> ListAsync(int top, string? continuationToken, CancellationToken cancellationToken)
    {
        string? continuation = null;
        if (continuationToken is not null && !PageToken.TryDecodeTableContinuation(continuationToken, out continuation))
        {
            throw new FormatException("Not a continuation token of this listing: pass back the continuationToken of a previous answer unchanged.");
        }
        var page = await repository.ReadSourcePageAsync(top, continuation, cancellationToken);
        var statuses = new PublicationStatus[page.Items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, statuses.Length), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (index, token) => statuses[index] = await StatusOfAsync(page.Items[index], token));
        return new AdminPage<PublicationStatus>(statuses, page.ContinuationToken is { } next ? PageToken.Encode(next) : null);
    }

    /// <summary>
    /// The status of the blob of the article at <paramref name="slug"/> when what makes it Failed is the render failure
    /// recorded on that article; null when the source failed itself (the failure report lists it with the sources),
    /// when the blob has moved on (another slug, a draft), or when the failure was cleared since.
    /// </summary>
    internal async Task<PublicationStatus?> ForRenderFailureAsync(string slug, CancellationToken cancellationToken)
    {
        if (await repository.GetStoredArticleAsync(slug, cancellationToken) is not { Record.SourceBlob.Length: > 0 } article
            || await repository.GetSourceAsync(article.Record.SourceBlob, cancellationToken) is not { } source
            || source.ListingProblem is not null || source.SourceStatus == SourceStatus.Failed || source.Slug != slug)
        {
            return null;
        }
        var status = await StatusOfAsync(source, article, cancellationToken);
        return status is { State: PublicationState.Failed, RenderFailure: not null } ? status : null;
    }

    private async Task<PublicationStatus> StatusOfAsync(SourceEntity source, CancellationToken cancellationToken) =>
        await StatusOfAsync(source, source.Slug is { } slug ? await repository.GetStoredArticleAsync(slug, cancellationToken) : null, cancellationToken);

    private Task<PublicationStatus> StatusOfAsync(SourceEntity source, StoredArticle? article, CancellationToken cancellationToken)
    {
        // A slug now held by another blob's article says nothing about this blob.
        if (article is not null && article.Record.SourceBlob != source.BlobName)
        {
            article = null;
        }
        var served = article is { IsServed: true };
        var (state, message) = source.SourceStatus switch
        {
            _ when source.ListingProblem is { } problem => (PublicationState.Failed, problem),
            SourceStatus.Failed => (PublicationState.Failed, source.Message),
            SourceStatus.Draft => (PublicationState.Draft, source.Message ?? "Marked as draft: not public."),
            SourceStatus.Scheduled => (PublicationState.Scheduled, source.Message),
            SourceStatus.Ignored => (PublicationState.Ignored, source.Message),
            SourceStatus.Published when source.MediaPath is not null => (PublicationState.Published, source.Message),
            _ when article?.Outputs.RenderFailure is { } failure => (PublicationState.Failed, "Rendering failed: " + failure),
            _ when served && article!.Outputs.RenderedRecordHash == article.Record.RecordHash => (PublicationState.Published, source.Message),
            _ => (PublicationState.Rendering, "Ingested; the page is being rendered."),
        };
        var url = source.MediaPath is { } mediaPath ? (source.SourceStatus == SourceStatus.Published ? urls.Absolute(mediaPath) : null)
            : served || state == PublicationState.Published ? urls.Article(source.Slug!) : null;
        return Task.FromResult(new PublicationStatus(source.BlobName, state, message, source.Slug, url, article?.Title,
            [.. Json.Read<string[]>(source.WarningsJson) ?? [], .. article?.Outputs.Rendered.Warnings ?? []], source.ProcessedAt, source.ContentMd5,
            PreviousVersionServed: state == PublicationState.Failed && served, article?.Outputs.RenderFailure,
            article is null ? null : Enum.Parse<SlugSource>(article.Record.SlugSource)));
    }
}

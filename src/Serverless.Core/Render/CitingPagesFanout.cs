using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Renders every page citing an article, however many there are: a change reads the first page of each key it is cited
/// by (<see cref="PublishingOptions.CitationPageSize"/> pages) itself, and hands each further page to a <see cref="CitingPages"/>
/// message, which sends that page's renders and the request for the next page. Deleting or retitling a story cited by
/// thousands of pages costs each message one query and a few sends, and reaches the last page.
/// </summary>
public sealed partial class CitingPagesFanout(ArticleIndex index, RenderQueueClient queue, IOptions<PublishingOptions> options, ILogger<CitingPagesFanout> logger)
{
    private readonly int _pageSize = options.Value.CitationPageSize;

    /// <summary>The pages on the first page of each key (but <paramref name="except"/>), and requests for the rest.</summary>
    /// <param name="fresh">Reads through the instance's shared reads (an index snapshot), as fresh as they say; null reads the table.</param>
    public async Task<CitingRenders> FirstPagesAsync(IEnumerable<string> keys, string? except, CancellationToken cancellationToken, FreshReads? fresh = null)
    {
        var pages = await Task.WhenAll(keys.Distinct(StringComparer.Ordinal)
            .Select(async key => (Key: key, Page: fresh is null
                ? await index.FindCitationsPageAsync(key, null, _pageSize, cancellationToken)
                : await fresh.FindCitationsPageAsync(key, null, _pageSize, cancellationToken))));
        return new CitingRenders(
            [.. pages.SelectMany(found => found.Page.Rows).Select(row => row.CitingSlug).Where(slug => slug != except)],
            [.. pages.Where(found => found.Page.ContinueAfter is not null).Select(found => new CitingPages(found.Key, found.Page.ContinueAfter, except))]);
    }

    /// <summary>
    /// One further page: its renders (delayed, like every page that follows another article) and the request for the
    /// next page. Redelivered after a crash, it sends them again: renders are idempotent.
    /// </summary>
    public async Task ContinueAsync(CitingPages request, CancellationToken cancellationToken)
    {
        var page = await index.FindCitationsPageAsync(request.Key, request.After, _pageSize, cancellationToken);
        CitingPages[] next = page.ContinueAfter is { } after ? [request with { After = after }] : [];
        await queue.EnqueueAsync(page.Rows.Select(row => row.CitingSlug).Where(slug => slug != request.Except), cancellationToken, delayed: true, citing: next);
        LogPage(request.Key, request.After, page.Rows.Count, next.Length > 0);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pages citing {Key} after {After}: {Count} renders sent; more follow: {More}")]
    private partial void LogPage(string key, string? after, int count, bool more);
}

using Microsoft.Extensions.Options;
using Serverless.Core.Discovery;
using Serverless.Core.Rendering;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// IndexNow (<see cref="IndexNowSubmissions"/>): when the article's page changes, comes or goes, records its URL and
/// asks the site-file stage to submit, which it does once per window for every URL recorded meanwhile. A render that
/// changes nothing on the page records nothing. Off until <see cref="DiscoveryOptions.IndexNowKey"/> is set.
/// </summary>
public sealed class IndexNowOutput(IndexNowSubmissions submissions, SiteFileRequests siteFiles, SiteUrls urls, IOptions<DiscoveryOptions> options) : IArticleOutput
{
    public string Name => "indexnow";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        if (!options.Value.IndexNowEnabled)
        {
            return previous;
        }
        // The page as served: its hash, the same as long as nothing a reader sees changed.
        var state = article.IsServed ? article.Outputs.PageHash : null;
        if (state == previous)
        {
            return state;
        }
        // Recorded before the request, and the state returned after both: a crash in between records and asks again.
        await submissions.RecordAsync(article.Slug, urls.Article(article.Slug), cancellationToken);
        await siteFiles.RequestAsync([SiteFileKey.IndexNow], cancellationToken);
        return state;
    }
}

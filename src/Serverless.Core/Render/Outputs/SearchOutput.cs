using System.Text;
using Serverless.Core.Search;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The article's search document (<see cref="SearchStore"/>): written when a served article's record changes, deleted
/// when it stops being served (deleted, draft, scheduled, failed first upload); each time, a change row that every
/// instance reads within seconds, and a request for the background merge (the site-file stage's
/// <see cref="SiteFileKind.SearchIndex"/>). The document is written before the change is recorded, and the state saved
/// after both: a crash in between writes both again.
/// </summary>
public sealed class SearchOutput(BodyStore bodies, SearchStore search, SiteFileRequests siteFiles, TimeProvider time) : IArticleOutput
{
    /// <summary>Bumped when what a search document holds changes: every served article's is written again at its next render.</summary>
    private const string DocumentVersion = "1";

    public string Name => "search";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var state = article.IsServed ? DocumentVersion + ":" + article.Record.RecordHash : null;
        if (state == previous)
        {
            return state;
        }
        SearchDocument? document = null;
        if (state is null)
        {
            await search.DeleteDocumentAsync(article.Slug, cancellationToken);
        }
        else
        {
            var body = article.Record.BodyBlob is { } blob && await bodies.ReadAsync(blob, cancellationToken) is { } html ? SearchText.FromHtml(Encoding.UTF8.GetString(html)) : string.Empty;
            document = new SearchDocument(article.Slug, article.Title, article.Description, body, article.Language, article.Author, article.Tags, article.Published);
            await search.SaveDocumentAsync(document, cancellationToken);
        }
        await search.RecordChangeAsync(article.Slug, time.GetUtcNow(), document, cancellationToken);
        await siteFiles.RequestAsync([SiteFileKey.SearchIndex], cancellationToken);
        return state;
    }
}

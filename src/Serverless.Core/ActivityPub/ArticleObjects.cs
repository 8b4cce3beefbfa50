using System.Text;
using System.Text.Json.Nodes;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>An article's ActivityStreams object with its body as content: what is answered at its URL and what is delivered.</summary>
public sealed class ArticleObjects(BodyStore bodies, ActivityDocuments documents, SiteUrls urls)
{
    /// <summary>
    /// A delivered activity travels in a queue message (64 KB, Base64): past this many bytes of body the object carries
    /// the article's description and a link instead, and receivers fetch the whole at its URL.
    /// </summary>
    public const int MaxDeliveredContentBytes = 32 * 1024;

    public async Task<JsonObject> BuildAsync(StoredArticle article, ReactionCounts? reactions, bool forDelivery, CancellationToken cancellationToken)
    {
        var body = article.Record.BodyBlob is { } blob && await bodies.ReadAsync(blob, cancellationToken) is { } html ? Encoding.UTF8.GetString(html) : string.Empty;
        if (forDelivery && Encoding.UTF8.GetByteCount(body) > MaxDeliveredContentBytes)
        {
            var url = urls.Article(article.Slug);
            body = $"<p>{Html.Encode(article.Description)}</p><p><a href=\"{Html.Encode(url)}\">{Html.Encode(url)}</a></p>";
        }
        return documents.Article(article, body, reactions);
    }
}

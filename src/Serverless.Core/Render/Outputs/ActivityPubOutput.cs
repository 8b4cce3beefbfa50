using Microsoft.Extensions.Options;
using Serverless.Core.ActivityPub;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The fediverse (<see cref="DeliveryMessageHandler"/>): when the article's record changes, or it comes or goes, hands a
/// <c>Create</c>, <c>Update</c> or <c>Delete</c> to the delivery queue for every follower. A render that changes nothing
/// in the record (a backlink, a template) sends nothing. Only news is announced: an article first served more than
/// <see cref="AnnounceWindow"/> after its date (an archive import, ActivityPub turned on over an existing site) is
/// recorded without a word, and neither its updates nor its removal are sent. Off until ActivityPub is configured.
/// </summary>
public sealed class ActivityPubOutput(ArticleObjects objects, ActivityDocuments documents, DeliveryMessageHandler deliveries, SiteUrls urls,
    IOptions<ActivityPubOptions> options, TimeProvider time) : IArticleOutput
{
    public static readonly TimeSpan AnnounceWindow = TimeSpan.FromHours(48);

    /// <summary>State prefixes: the article's followers were told of it, or it was recorded quietly.</summary>
    private const string Sent = "sent:", Quiet = "quiet:";

    public string Name => "activitypub";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return previous;
        }
        var record = article.IsServed ? article.Outputs.RenderedRecordHash : null;
        var told = previous?.StartsWith(Sent, StringComparison.Ordinal) == true;
        var previousRecord = previous?[(told ? Sent.Length : Quiet.Length)..];
        if (record == previousRecord)
        {
            return previous;
        }
        if (record is null)
        {
            if (told)
            {
                await SendAsync("Delete", article, previousRecord!, withArticle: false, cancellationToken);
            }
            return null;
        }
        if (!told && (previous is not null || article.Published < time.GetUtcNow() - AnnounceWindow))
        {
            return Quiet + record;
        }
        // The activity is queued before the state is returned: a crash in between queues it again, under the same id.
        await SendAsync(told ? "Update" : "Create", article, record, withArticle: true, cancellationToken);
        return Sent + record;
    }

    /// <param name="withArticle">Whether the activity carries the article (a Delete carries its Tombstone).</param>
    private async Task SendAsync(string type, StoredArticle article, string version, bool withArticle, CancellationToken cancellationToken)
    {
        var document = withArticle ? await objects.BuildAsync(article, null, forDelivery: true, cancellationToken) : null;
        var activity = documents.Activity(type, urls.Article(article.Slug), ActivityDocuments.Hash(type + version), document);
        await deliveries.FanOutAsync(activity.ToJsonString(), cancellationToken);
    }
}

using Microsoft.Extensions.Options;

namespace Serverless.Core.ActivityPub;

/// <summary>The replies an article's page shows (<see cref="ActivityPubOptions.ShowReplies"/>): none, without a request, while that is off.</summary>
public sealed class PageReplies(Reactions reactions, IOptions<ActivityPubOptions> options)
{
    public async Task<ShownReplies> LoadAsync(string slug, CancellationToken cancellationToken) => options.Value.ShowReplies
        ? await reactions.NewestRepliesAsync(slug, options.Value.RepliesShown, cancellationToken)
        : ShownReplies.None;
}

namespace Serverless.Core.ActivityPub;

/// <summary>The replies an article page shows, newest first, and how many more it has.</summary>
public sealed record ShownReplies(IReadOnlyList<ReceivedReply> Newest, int More)
{
    public static ShownReplies None { get; } = new([], 0);
}

namespace Serverless.Core.ActivityPub;

/// <summary>What a reader on another server did with an article.</summary>
public enum ReactionKind
{
    Like,

    /// <summary>An <c>Announce</c>: the article shared to the reader's followers.</summary>
    Boost,

    /// <summary>A note in reply to the article.</summary>
    Reply,
}

namespace Serverless.Core.ActivityPub;

/// <summary>Likes, boosts and replies an article got from the fediverse.</summary>
public sealed record ReactionCounts(int Likes, int Boosts, int Replies);

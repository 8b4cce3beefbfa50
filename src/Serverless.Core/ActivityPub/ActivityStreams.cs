namespace Serverless.Core.ActivityPub;

/// <summary>Names ActivityPub documents share.</summary>
public static class ActivityStreams
{
    public const string Context = "https://www.w3.org/ns/activitystreams";
    public const string SecurityContext = "https://w3id.org/security/v1";
    public const string Public = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>What the site answers with, and sends.</summary>
    public const string ContentType = "application/activity+json";

    /// <summary>The other media type the specification names for the same documents.</summary>
    public const string LdJsonProfile = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /// <summary>Whether an <c>Accept</c> header asks for an ActivityStreams document rather than a page.</summary>
    public static bool IsRequested(string? accept) =>
        accept is not null && (accept.Contains(ContentType, StringComparison.OrdinalIgnoreCase)
            || (accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase) && accept.Contains("activitystreams", StringComparison.OrdinalIgnoreCase)));
}

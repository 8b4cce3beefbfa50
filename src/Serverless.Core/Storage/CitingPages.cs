using Serverless.Core.Linking;

namespace Serverless.Core.Storage;

/// <summary>
/// A render-queue request for the pages citing <see cref="Key"/> (a <see cref="ReferenceKeys">reference key</see>),
/// those after the citations-row key <see cref="After"/> (newest first), one page of the citations index at a time: the message that reads a
/// page sends the renders of its pages and the request for the next page, so an article cited by any number of pages
/// reaches every one of them at a bounded cost per message. <see cref="Except"/> is the cited article itself.
/// </summary>
public sealed record CitingPages(string Key, string? After = null, string? Except = null)
{
    internal bool IsValid => Key.Length is > 0 and <= 1024 && (After is null || TableKeys.IsValidKey(After)) && (Except is null || Parsing.Slugs.IsValid(Except));
}

namespace Serverless.LocalServer.Commands;

/// <summary>A file named to <c>upload</c> (or found in a folder named), with the blob it goes to, or why it cannot go.</summary>
/// <param name="Blob">Null when there is nothing to upload (<paramref name="Problem"/> says why).</param>
/// <param name="ProblemOutcome">missing or not-an-article, with <paramref name="Problem"/>; null for a file to upload.</param>
/// <param name="Warning">What the author should know before it goes (it does go): a name storage will change.</param>
public sealed record UploadFile(string File, string? Blob, string? ProblemOutcome = null, string? Problem = null, string? Warning = null);

namespace Serverless.Core.Storage;

/// <summary>An article that cites this one.</summary>
public sealed record Backlink(string Slug, string Title);

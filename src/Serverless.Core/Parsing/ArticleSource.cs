namespace Serverless.Core.Parsing;

/// <summary>What the parser reads: the blob's text and the times storage knows for it (used when front matter has none).</summary>
public sealed record ArticleSource(string Name, string Text, DateTimeOffset Created, DateTimeOffset LastModified);

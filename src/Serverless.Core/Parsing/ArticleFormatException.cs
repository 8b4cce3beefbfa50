namespace Serverless.Core.Parsing;

/// <summary>An article an author uploaded cannot be published as it is; the message tells the author what to fix.</summary>
public sealed class ArticleFormatException(string message) : Exception(message);

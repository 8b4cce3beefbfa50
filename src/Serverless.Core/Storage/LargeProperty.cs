namespace Serverless.Core.Storage;

/// <summary>A string property of the article row that can outgrow Table Storage's limit, with how to read and set it.</summary>
public sealed record LargeProperty(string Name, Func<ArticleEntity, string?> Get, Action<ArticleEntity, string?> Set);

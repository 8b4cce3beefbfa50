namespace Serverless.Core.Storage;

/// <summary>A string property of an article row that can outgrow Table Storage's limit, with how to read and set it.</summary>
public sealed record LargeProperty<TEntity>(string Name, Func<TEntity, string?> Get, Action<TEntity, string?> Set);

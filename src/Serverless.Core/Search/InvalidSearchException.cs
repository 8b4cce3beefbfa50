namespace Serverless.Core.Search;

/// <summary>A query that cannot be run as asked, with a message a reader can act on (400 on the API, a friendly page in HTML).</summary>
public sealed class InvalidSearchException(string title, string message) : Exception(message)
{
    public string Title { get; } = title;
}

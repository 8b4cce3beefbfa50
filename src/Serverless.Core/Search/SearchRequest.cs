namespace Serverless.Core.Search;

/// <summary>A reader's search, bounded and checked (<see cref="SearchRequestReader"/>): the words, the filters, the page.</summary>
public sealed record SearchRequest(
    string Text,
    string? Tag = null,
    string? Author = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Offset = 0,
    int Top = SearchRequest.DefaultTop)
{
    public const int DefaultTop = 10;
}

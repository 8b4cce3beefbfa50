namespace Serverless.Core.Search;

/// <summary>
/// The index's field names. Text is indexed per language (its analysis differs) and per form (exact or matching):
/// <c>title.fr.x</c>, <c>body.en.m</c>. The rest is stored for display or indexed untouched for filters.
/// </summary>
public static class SearchFields
{
    public const string Slug = "slug";
    public const string Title = "title";
    public const string Description = "description";
    public const string Body = "body";
    public const string Language = "lang";
    public const string Tag = "tag";
    public const string Author = "author";
    public const string AuthorName = "authorname";

    /// <summary>Publication date, UTC ticks: indexed for date ranges, and a doc value for the recency boost and ties.</summary>
    public const string Published = "published";
    public const string PublishedValues = "published.dv";

    /// <summary>The text fields, each with its weight: a title match counts three times a body match, a description twice.</summary>
    public static IReadOnlyList<WeightedField> Weighted { get; } = [new(Title, 3f), new(Description, 2f), new(Body, 1f)];

    public static string Text(string field, SearchLanguage language, bool matching) => $"{field}.{language.Code()}.{(matching ? "m" : "x")}";
}

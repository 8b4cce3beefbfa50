namespace Serverless.Core.Search;

/// <summary>Which <see cref="SearchLanguage"/> an article's language tag (<c>fr</c>, <c>fr-CA</c>, <c>en-GB</c>, <c>de</c>) gets.</summary>
public static class SearchLanguages
{
    public static IReadOnlyList<SearchLanguage> All { get; } = [SearchLanguage.French, SearchLanguage.English, SearchLanguage.Other];

    public static SearchLanguage Of(string? language) =>
        language is null ? SearchLanguage.Other
        : language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? SearchLanguage.French
        : language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? SearchLanguage.English
        : SearchLanguage.Other;

    /// <summary>The short code field names carry.</summary>
    public static string Code(this SearchLanguage language) => language switch
    {
        SearchLanguage.French => "fr",
        SearchLanguage.English => "en",
        _ => "xx",
    };
}

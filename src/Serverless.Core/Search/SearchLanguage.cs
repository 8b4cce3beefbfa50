namespace Serverless.Core.Search;

/// <summary>The analysis an article's text gets: French, English, or any other language (folded and tokenised only).</summary>
public enum SearchLanguage
{
    French,
    English,
    Other,
}

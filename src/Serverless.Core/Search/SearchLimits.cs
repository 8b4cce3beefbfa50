namespace Serverless.Core.Search;

/// <summary>
/// What bounds one query, so that none takes seconds: the text's length, the words it keeps, the terms a typo may
/// expand to. There is no wildcard or query syntax: <c>*</c>, <c>?</c>, quotes and operators are not words and are
/// dropped by the tokenizer, so no query enumerates the term dictionary.
/// </summary>
public static class SearchLimits
{
    public const int MaxQueryLength = 200;
    public const int MaxWords = 10;
    public const int MaxTop = 50;

    /// <summary>Typo tolerance: one edit, on words of at least this many letters.</summary>
    public const int FuzzyMinLength = 5;
    public const int FuzzyMaxEdits = 1;

    /// <summary>The index terms one misspelt word may stand for (Lucene's FuzzyQuery keeps the best of them).</summary>
    public const int FuzzyMaxExpansions = 50;

    /// <summary>Filters: the longest tag or author name accepted.</summary>
    public const int MaxFilterLength = 100;
}

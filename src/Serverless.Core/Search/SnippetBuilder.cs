using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Serverless.Core.Rendering;

namespace Serverless.Core.Search;

/// <summary>
/// The snippet under a result: the passage of the body (about <see cref="Length"/> characters, cut at words) holding
/// the most matched words, as HTML: the text encoded, each word that matched (same stem and folding, or one edit away
/// for a long word) in &lt;mark&gt;. Without a match in the body, its opening.
/// </summary>
public static class SnippetBuilder
{
    public const int Length = 240;

    public static string Build(string body, SearchLanguage language, IReadOnlySet<string> queryTerms)
    {
        var matches = Matches(body, language, queryTerms);
        var start = 0;
        var best = -1;
        for (var i = 0; i < matches.Count; i++)
        {
            var inWindow = matches.Skip(i).TakeWhile(match => match.End <= matches[i].Start + Length).Count();
            if (inWindow > best)
            {
                (best, start) = (inWindow, matches[i].Start);
            }
        }
        // A little context before the first mark, from a word's start.
        if (start > 0)
        {
            start = Math.Max(0, start - 40);
            while (start > 0 && !char.IsWhiteSpace(body[start - 1]))
            {
                start++;
            }
        }
        var end = Math.Min(body.Length, start + Length);
        while (end < body.Length && !char.IsWhiteSpace(body[end]))
        {
            end++;
        }
        var html = new StringBuilder(Length * 2);
        if (start > 0)
        {
            html.Append('…');
        }
        var position = start;
        foreach (var match in matches.Where(match => match.Start >= start && match.End <= end))
        {
            html.AppendHtml(body[position..match.Start]).Append("<mark>").AppendHtml(body[match.Start..match.End]).Append("</mark>");
            position = match.End;
        }
        html.AppendHtml(body[position..end]);
        if (end < body.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }

    private static List<TextSpan> Matches(string body, SearchLanguage language, IReadOnlySet<string> queryTerms)
    {
        var matches = new List<TextSpan>();
        if (queryTerms.Count == 0)
        {
            return matches;
        }
        using var stream = SearchAnalyzers.For(language, matching: true).GetTokenStream(SearchFields.Body, body);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var text = term.ToString();
            if (queryTerms.Contains(text) || queryTerms.Any(query => query.Length >= SearchLimits.FuzzyMinLength && WithinOneEdit(query, text)))
            {
                matches.Add(new TextSpan(offset.StartOffset, offset.EndOffset));
            }
        }
        stream.End();
        return matches;
    }

    /// <summary>Whether one insertion, deletion, substitution or transposition makes <paramref name="a"/> into <paramref name="b"/>.</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a[0] != b[0])
        {
            return false; // the query's fuzzy terms share their first letter (prefix length 1)
        }
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }
        if (i == a.Length && i == b.Length)
        {
            return true;
        }
        return a.Length == b.Length
            ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)))
            : a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    private readonly record struct TextSpan(int Start, int End);
}

using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using BenchmarkDotNet.Attributes;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Parsing;

namespace Serverless.Benchmarks;

/// <summary>
/// Sketches of fixes for steps of ArticleParser.Parse that are still costly, to size the gain before changing
/// Serverless.Core. Each gives the same result as the current code (checked in setup); none is used by the product.
/// </summary>
internal static class ProposedFixes
{
    /// <summary>
    /// Language detection on the first <paramref name="maxChars"/> characters (cut at a space): a few hundred words decide
    /// as well as a whole article, and the cost stops growing with its length.
    /// </summary>
    public static string? DetectLanguage(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return LanguageDetector.Detect(text);
        }
        var cut = text.LastIndexOf(' ', maxChars);
        return LanguageDetector.Detect(text[..(cut > 0 ? cut : maxChars)]);
    }

    private static readonly string[] Languages = ["fr", "en", "es", "de"];

    /// <summary>The word lists of LanguageDetector (private there), as one word → language bit mask map.</summary>
    private static readonly Dictionary<string, int> StopWordMasks = BuildMasks(
        "le la les des du un une et est dans pour que qui sur pas par avec au aux ce cette ses son sont ont a été il elle nous vous ils leur mais ou où plus",
        "the and of to is in that for it with as was on are be by this have from or at an not but his her they which were has their will would",
        "el la los las de del que y en un una por con para es se no su al lo como más pero sus le ya o fue este ha",
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem als auch es an werden aus er hat dass sie nach");

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> FrozenStopWords =
        StopWordMasks.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> PlainStopWords =
        new Dictionary<string, int>(StopWordMasks, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The separators of LanguageDetector, searched with vectorized SearchValues instead of SplitAny(string).</summary>
    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n\u00A0\u202F");

    private const string Punctuation = ".,;:!?«»\"“”()[]*_…";
    private const int MaxWordLength = 8;

    private static Dictionary<string, int> BuildMasks(params string[] wordsByLanguage)
    {
        var masks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var language = 0; language < wordsByLanguage.Length; language++)
        {
            foreach (var word in wordsByLanguage[language].Split(' '))
            {
                masks[word] = masks.GetValueOrDefault(word) | 1 << language;
            }
        }
        return masks;
    }

    /// <summary>LanguageDetector.Detect of commit d2714dd with the tokens found by SearchValues and one Dictionary lookup per word.</summary>
    public static string? DetectLanguageFast(ReadOnlySpan<char> text, bool frozen)
    {
        Span<int> scores = stackalloc int[Languages.Length];
        Span<char> lower = stackalloc char[MaxWordLength];
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny(Separators);
            var token = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (token.Length == 0)
            {
                continue;
            }
            var word = token.Trim(Punctuation);
            // Elided French articles ("l'empire", "d'erreur") count as their article.
            if (word.Length > 2 && word[1] is '\'' or '’' && word[0] is 'l' or 'L' or 'd' or 'D')
            {
                word = char.ToLowerInvariant(word[0]) == 'l' ? "le" : "de";
            }
            if (word.Length == 0 || word.Length > MaxWordLength)
            {
                continue;
            }
            var length = word.ToLowerInvariant(lower);
            var found = frozen ? FrozenStopWords.TryGetValue(lower[..length], out var mask) : PlainStopWords.TryGetValue(lower[..length], out mask);
            if (found)
            {
                for (var language = 0; language < Languages.Length; language++)
                {
                    scores[language] += mask >> language & 1;
                }
            }
        }
        var (best, second) = (-1, -1);
        for (var index = 0; index < scores.Length; index++)
        {
            if (best < 0 || scores[index] > scores[best])
            {
                (best, second) = (index, best);
            }
            else if (second < 0 || scores[index] > scores[second])
            {
                second = index;
            }
        }
        return scores[best] < 3 || scores[best] < scores[second] * 3 / 2 ? null : Languages[best];
    }

    /// <summary>One walk of the tree for the links and autolinks, instead of one Descendants&lt;T&gt; walk per type.</summary>
    public static (List<LinkInline> Links, List<AutolinkInline> Autolinks) CollectLinks(MarkdownDocument document)
    {
        var links = new List<LinkInline>();
        var autolinks = new List<AutolinkInline>();
        void VisitInline(Inline inline)
        {
            switch (inline)
            {
                case LinkInline link:
                    links.Add(link);
                    break;
                case AutolinkInline autolink:
                    autolinks.Add(autolink);
                    break;
            }
            if (inline is ContainerInline container)
            {
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    VisitInline(child);
                }
            }
        }
        void VisitBlock(Block block)
        {
            if (block is ContainerBlock container)
            {
                foreach (var child in container)
                {
                    VisitBlock(child);
                }
            }
            else if (block is LeafBlock { Inline: { } inline })
            {
                VisitInline(inline);
            }
        }
        VisitBlock(document);
        return (links, autolinks);
    }

    /// <summary>PlainText.Of(document) in one copy: white space is collapsed while appending, not in a second pass.</summary>
    public static string PlainTextOf(MarkdownDocument document)
    {
        var writer = new CollapsingWriter(new StringBuilder(1024));
        AppendBlock(ref writer, document);
        return writer.Builder.ToString();
    }

    private static void AppendBlock(ref CollapsingWriter writer, Block block)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                AppendInline(ref writer, inline);
                writer.Append(" ");
                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                for (var index = 0; index < leaf.Lines.Count; index++)
                {
                    writer.Append(leaf.Lines.Lines[index].Slice.AsSpan());
                    writer.Append("\n");
                }
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlock(ref writer, child);
                }
                break;
        }
    }

    private static void AppendInline(ref CollapsingWriter writer, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                writer.Append(literal.Content.AsSpan());
                break;
            case HtmlEntityInline entity:
                writer.Append(entity.Transcoded.AsSpan());
                break;
            case CodeInline code:
                writer.Append(code.Content);
                break;
            case AutolinkInline autolink:
                writer.Append(autolink.Url);
                break;
            case LineBreakInline:
                writer.Append(" ");
                break;
            case HtmlInline html:
                writer.Append(html.Tag);
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    AppendInline(ref writer, child);
                }
                break;
        }
    }

    /// <summary>Appends text with the rule of PlainText.Collapse: runs of white space (not no-break spaces) become one space, none at the ends.</summary>
    private struct CollapsingWriter(StringBuilder builder)
    {
        private bool _pendingSpace;

        public readonly StringBuilder Builder => builder;

        public void Append(ReadOnlySpan<char> text)
        {
            var start = 0;
            for (var index = 0; index <= text.Length; index++)
            {
                if (index < text.Length && !IsCollapsible(text[index]))
                {
                    continue;
                }
                if (index > start)
                {
                    if (_pendingSpace)
                    {
                        builder.Append(' ');
                        _pendingSpace = false;
                    }
                    builder.Append(text[start..index]);
                }
                if (index < text.Length)
                {
                    _pendingSpace = builder.Length > 0;
                }
                start = index + 1;
            }
        }

        private static bool IsCollapsible(char c) => char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F';
    }
}

/// <summary>Current code vs <see cref="ProposedFixes"/>, step by step, on each article's parsed body.</summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ProposedFixesBenchmarks
{
    private const int MaxDetectionChars = 3000;
    private MarkdownDocument _document = null!;
    private string _bodyText = string.Empty;

    [Params(BenchmarkArticles.Sample, BenchmarkArticles.Synthetic)]
    public string Article { get; set; } = BenchmarkArticles.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _document = Markdown.Parse(BenchmarkArticles.Source(Article).Text, MarkdownPipelines.Article);
        if (_document.Count > 0 && _document[0] is YamlFrontMatterBlock)
        {
            _document.RemoveAt(0);
        }
        _bodyText = PlainText.Of(_document);

        if (ProposedFixes.PlainTextOf(_document) != _bodyText)
        {
            throw new InvalidOperationException("The one-pass plain text differs from PlainText.Of.");
        }
        var (links, autolinks) = ProposedFixes.CollectLinks(_document);
        if (!links.SequenceEqual(_document.Descendants<LinkInline>()) || !autolinks.SequenceEqual(_document.Descendants<AutolinkInline>()))
        {
            throw new InvalidOperationException("The one-walk link collection differs from Descendants<T>.");
        }
        foreach (var text in new[] { _bodyText, "Le chat et le chien", "the cat and the dog and the bird", "L'été, l'hiver et d'autres saisons : le froid" })
        {
            if (ProposedFixes.DetectLanguageFast(text, frozen: true) != LanguageDetector.Detect(text)
                || ProposedFixes.DetectLanguageFast(text, frozen: false) != LanguageDetector.Detect(text))
            {
                throw new InvalidOperationException($"The SearchValues tokenizer disagrees with LanguageDetector on '{text[..Math.Min(40, text.Length)]}'.");
            }
        }
        if (ProposedFixes.DetectLanguage(_bodyText, MaxDetectionChars) != LanguageDetector.Detect(_bodyText))
        {
            throw new InvalidOperationException("Detection on the first characters disagrees with detection on the whole text.");
        }
    }

    [Benchmark(Baseline = true, Description = "LanguageDetector.Detect (whole body)")]
    public string? DetectWhole() => LanguageDetector.Detect(_bodyText);

    [Benchmark(Description = "Detect on first 3,000 chars (proposed)")]
    public string? DetectPrefix() => ProposedFixes.DetectLanguage(_bodyText, MaxDetectionChars);

    [Benchmark(Description = "Detect, SearchValues tokens + FrozenDictionary (proposed)")]
    public string? DetectFastFrozen() => ProposedFixes.DetectLanguageFast(_bodyText, frozen: true);

    [Benchmark(Description = "Detect, SearchValues tokens + Dictionary (proposed)")]
    public string? DetectFastDictionary() => ProposedFixes.DetectLanguageFast(_bodyText, frozen: false);

    [Benchmark(Description = "Descendants<LinkInline>+<AutolinkInline> (current)")]
    public int LinkWalksCurrent() => _document.Descendants<LinkInline>().ToList().Count + _document.Descendants<AutolinkInline>().ToList().Count;

    [Benchmark(Description = "One walk for both (proposed)")]
    public int LinkWalkProposed()
    {
        var (links, autolinks) = ProposedFixes.CollectLinks(_document);
        return links.Count + autolinks.Count;
    }

    [Benchmark(Description = "PlainText.Of(document) (current)")]
    public string PlainTextCurrent() => PlainText.Of(_document);

    [Benchmark(Description = "Plain text, one copy (proposed)")]
    public string PlainTextProposed() => ProposedFixes.PlainTextOf(_document);
}

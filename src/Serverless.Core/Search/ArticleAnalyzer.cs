using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Serverless.Core.Search;

/// <summary>
/// How the words of one language become index terms, in two forms. <b>Exact</b>: elisions removed (l’, d’, qu’… with
/// ’ or '), lower case, stop words dropped, accents kept, so "élection" matches only itself. <b>Matching</b>: the same,
/// then ASCII folding and a stemmer, so "election", "élections" and "Elections" meet. French takes Snowball's
/// stemmer: Lucene's light French stemmer keeps "diffusion" apart from "diffuser", which readers expect to meet;
/// English takes KStem, a light one (plurals and common suffixes). A query matches both forms: an exact match scores both,
/// so it ranks above one that only folds or stems alike.
/// </summary>
public sealed class ArticleAnalyzer(SearchLanguage language, bool matching) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>French elided articles and pronouns; applied to every language, where they are rare and harmless.</summary>
    private static readonly CharArraySet Elisions = new(Version,
        ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"], ignoreCase: true);

    private static readonly CharArraySet NoStopWords = new(Version, 0, ignoreCase: false);

    public SearchLanguage Language => language;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new ElisionFilter(tokenizer, Elisions);
        stream = new LowerCaseFilter(Version, stream);
        if (language == SearchLanguage.English)
        {
            stream = new EnglishPossessiveFilter(Version, stream);
        }
        stream = new StopFilter(Version, stream, StopWords(language));
        if (matching)
        {
            // Folded before stemming: a reader's "securite" and the text's "sécurité" then take the same path through the stemmer.
            stream = new ASCIIFoldingFilter(stream);
            stream = language switch
            {
                SearchLanguage.French => new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.FrenchStemmer()),
                SearchLanguage.English => new KStemFilter(stream),
                _ => stream,
            };
        }
        return new TokenStreamComponents(tokenizer, stream);
    }

    internal static CharArraySet StopWords(SearchLanguage language) => language switch
    {
        SearchLanguage.French => FrenchAnalyzer.DefaultStopSet,
        SearchLanguage.English => EnglishAnalyzer.DefaultStopSet,
        _ => NoStopWords,
    };
}

using System.Text;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// A deterministic corpus of news-like articles spread over topics: each article uses words of its topic, words common
/// to the whole corpus, and a few words of its own, with one topic tag. Articles of one topic are related; the common
/// words are the "film" of this corpus, used by every article.
/// </summary>
public static class SyntheticCorpus
{
    public const int Topics = 50;
    private const int WordsPerTopic = 12;

    private static readonly string[] Syllables = ["ba", "ko", "ri", "ta", "mu", "sel", "dor", "vin", "pa", "lu", "ne", "zo", "fra", "gil", "ton", "mer"];

    private static readonly string[] CommonWords = ["report", "city", "people", "market", "week", "official", "public", "system"];

    /// <summary>Article <paramref name="index"/> of topic <c>index % Topics</c> (or of <paramref name="topic"/>), as Markdown with front matter.</summary>
    public static (string BlobName, string Slug, string Content) Article(int index, int? topic = null)
    {
        var random = new Random(index * 7919 + 17);
        var topicIndex = topic ?? index % Topics;
        var topicWords = Enumerable.Range(0, WordsPerTopic).Select(word => Word(topicIndex * 100 + word)).ToArray();
        var slug = $"article-{index:D5}";
        var title = $"{Capitalise(topicWords[random.Next(WordsPerTopic)])} {topicWords[random.Next(WordsPerTopic)]} {Word(100_000 + index)} {index}";
        var body = new StringBuilder();
        for (var sentence = 0; sentence < 8; sentence++)
        {
            var words = Enumerable.Range(0, 10).Select(position => position switch
            {
                < 6 => topicWords[random.Next(WordsPerTopic)],
                < 9 => CommonWords[random.Next(CommonWords.Length)],
                _ => Word(200_000 + index * 3 + random.Next(3)),
            });
            body.Append(Capitalise(string.Join(' ', words))).Append(". ");
        }
        var content = $"""
            ---
            title: "{title}"
            slug: {slug}
            date: 2024-{1 + index % 12:D2}-{1 + index % 28:D2}T08:00:00Z
            tags: [{Word(topicIndex * 100 + 99)}]
            lang: en
            ---
            {body}
            """;
        return ($"corpus/{slug}.md", slug, content);
    }

    private static readonly string[] Sections = ["politics", "economy", "culture", "sport", "science"];

    /// <summary>
    /// Article <paramref name="index"/> of a corpus of <paramref name="size"/> that links to others as a CMS export does:
    /// a body link naming another article by its title and one by its internal URL (often to articles published later:
    /// links bind late), a "related" entry naming a third by title, and a section tag beside its topic's.
    /// </summary>
    public static (string BlobName, string Slug, string Content) LinkedArticle(int index, int size)
    {
        var (blobName, slug, content) = Article(index);
        int Other(int step, int offset) => (index * step + offset) % size is var other && other != index ? other : (other + 1) % size;
        var related = TitleOf(Other(31, 11));
        content = content
            .Replace("tags: [", $"related: [\"{related}\"]\ntags: [{Sections[index % Sections.Length]}, ", StringComparison.Ordinal)
            + $"\nSee [{TitleOf(Other(7, 3))}](#) and [the earlier report](/articles/{Article(Other(13, 5)).Slug}).\n";
        return (blobName, slug, content);
    }

    /// <summary>A one-line article with front matter: a title (by default "Page" and its slug), its slug, a date, one tag.</summary>
    public static string Page(string slug, string date, string tag, string body, string? title = null) => $"""
        ---
        title: "{title ?? "Page " + slug}"
        slug: {slug}
        date: {date}T08:00:00Z
        tags: [{tag}]
        lang: en
        ---
        {body}
        """;

    /// <summary>The title article <paramref name="index"/> is published under.</summary>
    public static string TitleOf(int index)
    {
        const string prefix = "title: \"";
        var content = Article(index).Content;
        var start = content.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        return content[start..content.IndexOf('"', start)];
    }

    /// <summary>A pronounceable pseudo-word for a number: the same number always gives the same word.</summary>
    public static string Word(int number)
    {
        var word = new StringBuilder();
        do
        {
            word.Append(Syllables[number % Syllables.Length]);
            number /= Syllables.Length;
        }
        while (number > 0);
        return word.Length < 4 ? word.Append("nd").ToString() : word.ToString();
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

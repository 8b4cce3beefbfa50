using Serverless.Core.Articles;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Parses article text the way the publisher does, with fixed blob times, for spec-style tests.</summary>
internal static class TestArticles
{
    public const string FileName = "uploaded-file.md";

    public static readonly DateTimeOffset Created = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LastModified = new(2024, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static Article Parse(string text, string defaultLanguage = "en", string name = FileName) =>
        new ArticleParser(defaultLanguage, "https://news.example.com").Parse(new ArticleSource(name, text, Created, LastModified));

    /// <summary>Parses a headline-first article: the title line, a blank line, then the body.</summary>
    public static Article WithBody(string body) => Parse("Headline\n\n" + body);

    public static ArticleFormatException Rejects(string text) =>
        Assert.Throws<ArticleFormatException>(() => Parse(text));

    /// <summary>The body as a page shows it while none of its links to other articles resolves.</summary>
    public static string ShownBody(Serverless.Core.Articles.Article article)
    {
        var html = new System.Text.StringBuilder();
        Serverless.Core.Linking.BodyLinks.WriteResolved(html, article.BodyHtml, _ => null);
        return html.ToString();
    }

    public static readonly DateTimeOffset SampleCreated = new(2014, 12, 20, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SampleModified = new(2014, 12, 21, 10, 30, 0, TimeSpan.Zero);

    /// <summary>The sample CMS export, parsed once.</summary>
    public static readonly Article Sample = new ArticleParser("en").Parse(new ArticleSource(
        "sony-pictures-the-interview.txt",
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "sony-pictures-the-interview.txt")),
        SampleCreated,
        SampleModified));
}

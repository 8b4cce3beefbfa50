using System.Text.Json;
using CsCheck;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Security;

/// <summary>
/// Properties over generated articles (<see cref="ArticleGenerators"/>). A failure prints a seed: replay it with
/// <c>CsCheck_Seed=… dotnet test --filter ArticlePropertyTests</c> (README, "Generated inputs").
/// </summary>
public sealed class ArticlePropertyTests
{
    private static readonly long Iterations = GeneratedRuns.Iterations(400);

    private static Article? ParseOrRefuse(string text)
    {
        try
        {
            return new ArticleParser("en", BaseUrl).Parse(new ArticleSource("2024/generated.md", text,
                new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 3, 2, 9, 30, 0, TimeSpan.Zero)));
        }
        catch (ArticleFormatException refused)
        {
            Assert.False(string.IsNullOrWhiteSpace(refused.Message), "An article is refused with a message for its author.");
            return null;
        }
    }

    /// <summary>The page with every body link and image resolved, so both forms of each marker are rendered.</summary>
    private static string ResolvedPage(Article article) => PageRenderer.Render(ArticlePage.Standalone(article) with
    {
        BodyLinkHrefs = [.. article.Links.Select((_, index) => (string?)$"/articles/target-{index}")],
        BodyImages = [.. article.Images.Select((_, index) => (PublishedImage?)new PublishedImage($"{BaseUrl}/media/{index:x4}/image.png", 640, 480, "image/png"))],
    });

    [Fact]
    public void Parsing_publishes_or_refuses_with_a_message_and_nothing_else_escapes() =>
        ArticleGenerators.Article.Sample(text =>
        {
            if (ParseOrRefuse(text) is { } article)
            {
                PageRenderer.Render(ArticlePage.Standalone(article));
                ShareBuilder.Build(article);
            }
        }, iter: Iterations);

    [Fact]
    public void Rendered_page_parses_as_html_and_holds_nothing_executable() =>
        ArticleGenerators.Article.Sample(text =>
        {
            if (ParseOrRefuse(text) is { } article)
            {
                Assert.Empty(PageSafety.Violations(PageRenderer.Render(ArticlePage.Standalone(article))));
                Assert.Empty(PageSafety.Violations(ResolvedPage(article)));
            }
        }, iter: Iterations);

    [Fact]
    public void Slug_is_always_valid_and_the_same_input_gives_the_same_article_and_page() =>
        ArticleGenerators.Article.Sample(text =>
        {
            if (ParseOrRefuse(text) is { } article)
            {
                var again = ParseOrRefuse(text)!;
                Assert.True(Slugs.IsValid(article.Slug), $"'{article.Slug}' is not a valid slug.");
                Assert.Equal(JsonSerializer.Serialize(article), JsonSerializer.Serialize(again));
                Assert.Equal(ResolvedPage(article), ResolvedPage(again));
            }
        }, iter: Iterations);

    [Fact]
    public void Tweet_is_at_most_280_weighted_characters() =>
        ArticleGenerators.Article.Sample(text =>
        {
            if (ParseOrRefuse(text) is { } article)
            {
                var snippet = ShareBuilder.Build(article);
                Assert.EndsWith(" " + snippet.Url, snippet.Tweet, StringComparison.Ordinal);
                // As X counts it: the article URL as 23, and any bare domain the title holds as 23 too.
                var weighted = TweetText.WeightedLengthWithLinks(snippet.Tweet[..^snippet.Url.Length]) + ShareSnippetBuilder.TweetUrlLength;
                Assert.True(weighted <= ShareSnippetBuilder.TweetMax, $"{weighted} weighted characters: {snippet.Tweet}");
            }
        }, iter: Iterations);
}

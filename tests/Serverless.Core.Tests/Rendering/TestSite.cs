using System.Net;
using System.Text.RegularExpressions;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;

namespace Serverless.Core.Tests.Rendering;

/// <summary>The renderers wired as the app wires them, for one test site, and a ready-made article.</summary>
internal static partial class TestSite
{
    public const string BaseUrl = "https://news.example.com";
    public const string Name = "Example News";

    public static readonly SiteOptions Options = new() { PublicBaseUrl = BaseUrl + "/", Name = Name, DefaultLanguage = "en", XHandle = "examplenews" };
    public static readonly SiteUrls Urls = new(Options);
    public static readonly SocialMetaTags SocialTags = new(Options, Urls);
    public static readonly ArticlePageRenderer PageRenderer = new(new SiteLayout(Options), SocialTags, Urls);
    public static readonly ShareSnippetBuilder ShareBuilder = new(Options, Urls, SocialTags);

    public const string Slug = "budget-vote-delayed";
    public const string ArticleUrl = BaseUrl + "/articles/" + Slug;

    public static Article Article(
        string title = "Budget vote delayed",
        string description = "The vote moves to next week.",
        string language = "en",
        string? image = null) => new()
        {
            Title = title,
            Slug = Slug,
            Description = description,
            Language = language,
            Author = "Jane Doe",
            Published = new DateTimeOffset(2024, 12, 20, 9, 30, 0, TimeSpan.FromHours(1)),
            Modified = new DateTimeOffset(2024, 12, 21, 10, 0, 0, TimeSpan.FromHours(1)),
            Tags = ["politics", "budget"],
            Image = image,
            ImageAlt = image is null ? null : "The parliament at night",
            AuthorUrl = "https://news.example.com/team/jane-doe",
            AuthorHandle = "@janedoe",
            Section = "politics",
            WordCount = 420,
            BodyHtml = "<p>The vote on the budget was postponed.</p>\n",
        };

    /// <summary>The decoded content of every <c>&lt;meta&gt;</c> whose name or property is the given one.</summary>
    public static string[] MetaContents(string html, string nameOrProperty) =>
        [.. MetaTag().Matches(html).Where(match => match.Groups["key"].Value == nameOrProperty)
            .Select(match => WebUtility.HtmlDecode(match.Groups["content"].Value))];

    /// <summary>The decoded content of the single <c>&lt;meta&gt;</c> with that name or property.</summary>
    public static string Meta(string html, string nameOrProperty) => Assert.Single(MetaContents(html, nameOrProperty));

    [GeneratedRegex("<meta (?:name|property)=\"(?<key>[^\"]+)\" content=\"(?<content>[^\"]*)\">")]
    private static partial Regex MetaTag();
}

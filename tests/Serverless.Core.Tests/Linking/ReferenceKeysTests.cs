using Serverless.Core.Linking;
using Serverless.Core.Storage;

namespace Serverless.Core.Tests.Linking;

/// <summary>How a link names another article: keys tried in order, slug, then blob path, then title.</summary>
public sealed class ReferenceKeysTests
{
    private const string BaseUrl = "https://news.example.com";

    [Theory]
    [InlineData("2014/sony/article.md", "../2015/other.md", "2014/2015/other.md")]
    [InlineData("2014/sony/article.md", "other.md", "2014/sony/other.md")]
    [InlineData("2014/sony/article.md", "./notes/other.markdown", "2014/sony/notes/other.markdown")]
    [InlineData("2014/sony/article.md", "/2016/other.txt", "2016/other.txt")]
    [InlineData("2014/sony/article.md", "../../top.md", "top.md")]
    [InlineData("2014/sony/article.md", "mon%20article.md", "2014/sony/mon article.md")]
    public void Relative_path_to_an_uploaded_article_is_resolved_against_the_citing_blob(string citing, string target, string blobName) =>
        Assert.Equal([ReferenceKeys.Path(blobName)], ReferenceKeys.ForTarget(target, citing, BaseUrl));

    [Fact]
    public void Path_leaving_the_container_names_nothing() =>
        Assert.Empty(ReferenceKeys.ForTarget("../../../x.md", "2014/a.md", BaseUrl));

    [Theory]
    [InlineData("/articles/the-vote")]
    [InlineData("https://news.example.com/articles/the-vote")]
    [InlineData("HTTPS://NEWS.EXAMPLE.COM/articles/the-vote?utm=x")]
    [InlineData("the-vote")]
    public void Internal_url_or_bare_slug_names_the_slug(string target) =>
        Assert.Equal(["s:the-vote"], ReferenceKeys.ForTarget(target, "a.md", BaseUrl));

    [Theory]
    [InlineData("https://elsewhere.example.org/articles/the-vote")]
    [InlineData("mailto:desk@example.com")]
    [InlineData("/about")]
    [InlineData("images/photo.jpg")]
    [InlineData("#section")]
    public void Anything_else_is_not_a_link_to_an_article(string target) =>
        Assert.Empty(ReferenceKeys.ForTarget(target, "a.md", BaseUrl));

    [Fact]
    public void Front_matter_entry_that_could_be_a_slug_is_tried_as_a_slug_then_as_a_title() =>
        Assert.Equal(["s:sony", "t:sony"], ReferenceKeys.ForRelatedEntry("sony", "a.md", BaseUrl));

    [Fact]
    public void Front_matter_title_is_a_title() =>
        Assert.Equal(["t:piratage de sony pictures"], ReferenceKeys.ForRelatedEntry("Piratage de Sony Pictures", "a.md", BaseUrl));

    [Fact]
    public void Front_matter_blob_path_is_a_path() =>
        Assert.Equal([ReferenceKeys.Path("2014/other.md")], ReferenceKeys.ForRelatedEntry("2014/other.md", "a.md", BaseUrl));

    [Theory]
    [InlineData("Sony Pictures : l'Empire contre-attaque... avec du DDoS", "Sony Pictures : l’Empire contre-attaque… avec du DDoS")]
    [InlineData("« The Interview » : la sortie", "\"The Interview\" : la sortie")]
    [InlineData("Crise\u00A0: l’été", "crise : l'ete")]
    [InlineData("Sony  Pictures", "SONY PICTURES")]
    public void Title_keys_ignore_case_accents_punctuation_spacing_and_typographic_variants(string a, string b) =>
        Assert.Equal(ReferenceKeys.Title(a), ReferenceKeys.Title(b));

    [Fact]
    public void Every_key_is_a_valid_table_key() =>
        Assert.All(
            new[] { ReferenceKeys.Slug("a-b"), ReferenceKeys.Path("2014/é #?/x.md"), ReferenceKeys.Title("Qui ? Quoi / # comment")! },
            key => Assert.True(TableKeys.IsValidKey(key), key));
}

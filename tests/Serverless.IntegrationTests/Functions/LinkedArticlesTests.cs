using System.Text.Json;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Articles that know each other, through both stages as the Functions host runs them on Azurite: links resolved by
/// title, slug or path as their targets are published, backlinks, and pages that follow deletions.
/// </summary>
public sealed class LinkedArticlesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string DdosBlob = "sony-pictures-ddos.txt";
    private const string DdosSlug = "sony-pictures-l-empire-contre-attaque-avec-du-ddos";
    private const string PiracyBlob = "piratage-sony-pictures.md";
    private const string PiracySlug = "piratage-de-sony-pictures-les-hackers-cherchaient-a-detruire";

    // Pages are read right after each render: no in-memory page cache in between.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private Task<PublishResult> PublishSampleAsync(string blobName) => _site.PublishAsync(blobName, Samples.Read(blobName));

    private async Task<string> PageAsync(string slug)
    {
        var page = await _site.GetPageAsync(slug);
        Assert.Equal(200, page.StatusCode);
        return page.Body;
    }

    private static List<JsonElement> ReadAlso(JsonElement article) =>
        [.. article.GetProperty("links").EnumerateArray().Where(link => link.GetProperty("kind").GetString() == "explicit" && link.GetProperty("placement").GetString() == "readAlso")];

    private async Task ReconcileAsync()
    {
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();
    }

    [Fact]
    public async Task Sample_published_alone_shows_its_read_also_titles_as_text()
    {
        await PublishSampleAsync(Samples.SonyBlobName);

        var page = await PageAsync(Samples.SonySlug);
        var (_, api) = await _site.GetArticleJsonAsync(Samples.SonySlug);

        Assert.Contains("<li>Sony Pictures : l&#x27;Empire contre-attaque... avec du DDoS</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Piratage de Sony Pictures : les hackers cherchaient à détruire</li>", page, StringComparison.Ordinal);
        Assert.All(ReadAlso(api), link => Assert.Equal((false, JsonValueKind.Undefined), (link.GetProperty("resolved").GetBoolean(), link.TryGetProperty("slug", out var slug) ? slug.ValueKind : JsonValueKind.Undefined)));
    }

    [Fact]
    public async Task Targets_published_later_turn_the_samples_titles_into_links_and_list_it_as_a_backlink()
    {
        await PublishSampleAsync(Samples.SonyBlobName);

        await PublishSampleAsync(DdosBlob);
        await PublishSampleAsync(PiracyBlob);

        var page = await PageAsync(Samples.SonySlug);
        Assert.Contains($"<li><a href=\"/articles/{DdosSlug}\">Sony Pictures : l’Empire contre-attaque… avec du DDoS</a></li>", page, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"/articles/{PiracySlug}\">Piratage de Sony Pictures : les hackers cherchaient à détruire</a></li>", page, StringComparison.Ordinal);
        var (_, api) = await _site.GetArticleJsonAsync(Samples.SonySlug);
        Assert.Equal([DdosSlug, PiracySlug], ReadAlso(api).Select(link => link.GetProperty("slug").GetString()));
        Assert.All(ReadAlso(api), link => Assert.Equal($"{TestSite.PublicBaseUrl}/articles/{link.GetProperty("slug").GetString()}", link.GetProperty("url").GetString()));
        foreach (var target in new[] { DdosSlug, PiracySlug })
        {
            Assert.Contains($"<h2 id=\"cited-in-title\">Cité dans</h2>\n<ul>\n<li><a href=\"/articles/{Samples.SonySlug}\">", await PageAsync(target), StringComparison.Ordinal);
            var (_, targetApi) = await _site.GetArticleJsonAsync(target);
            Assert.Equal(Samples.SonySlug, Assert.Single(targetApi.GetProperty("backlinks").EnumerateArray()).GetProperty("slug").GetString());
        }
    }

    [Fact]
    public async Task Deleting_a_target_turns_its_link_back_into_text_and_keeps_the_other()
    {
        await PublishSampleAsync(Samples.SonyBlobName);
        await PublishSampleAsync(DdosBlob);
        await PublishSampleAsync(PiracyBlob);

        await _site.Articles.DeleteBlobAsync(DdosBlob, cancellationToken: Cancellation);
        await ReconcileAsync();

        var page = await PageAsync(Samples.SonySlug);
        Assert.Contains("<li>Sony Pictures : l&#x27;Empire contre-attaque... avec du DDoS</li>", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/articles/{DdosSlug}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{PiracySlug}\"", page, StringComparison.Ordinal);
        Assert.Equal(410, (await _site.GetPageAsync(DdosSlug)).StatusCode);
    }

    [Fact]
    public async Task Title_shared_by_two_articles_resolves_to_neither_with_a_warning_naming_both()
    {
        await _site.PublishAsync("one.md", Samples.FrontMatterArticle("The budget vote", extra: "slug: budget-vote-city"));
        await _site.PublishAsync("two.md", Samples.FrontMatterArticle("The Budget Vote!", extra: "slug: budget-vote-region"));

        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("A week in politics", body: "After [the budget vote](#), nothing moved."));

        var (_, api) = await _site.GetArticleJsonAsync("a-week-in-politics");
        Assert.False(Assert.Single(api.GetProperty("links").EnumerateArray(), link => link.GetProperty("kind").GetString() == "explicit").GetProperty("resolved").GetBoolean());
        var (_, status) = await _site.GetAdminStatusAsync("citing.md");
        var warning = Assert.Single(status.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Several articles", StringComparison.Ordinal)).GetString();
        Assert.Contains("budget-vote-city", warning, StringComparison.Ordinal);
        Assert.Contains("budget-vote-region", warning, StringComparison.Ordinal);
        Assert.Contains("<p>After the budget vote, nothing moved.</p>", await PageAsync("a-week-in-politics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_links_by_internal_url_slug_and_path_link_once_their_targets_exist()
    {
        await _site.PublishAsync("2024/citing.md", Samples.FrontMatterArticle("Citing story", extra: "slug: citing",
            body: "See [the vote](/articles/the-vote), [the plan](the-plan) and [the map](../maps/map.md)."));
        Assert.Contains("<p>See the vote, the plan and the map.</p>", await PageAsync("citing"), StringComparison.Ordinal);

        await _site.PublishAsync("2024/vote.md", Samples.FrontMatterArticle("The vote", extra: "slug: the-vote"));
        await _site.PublishAsync("2024/plan.md", Samples.FrontMatterArticle("The plan", extra: "slug: the-plan"));
        await _site.PublishAsync("maps/map.md", Samples.FrontMatterArticle("A map of the city", extra: "slug: city-map"));

        Assert.Contains("See <a href=\"/articles/the-vote\">the vote</a>, <a href=\"/articles/the-plan\">the plan</a> and <a href=\"/articles/city-map\">the map</a>.",
            await PageAsync("citing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_matter_related_names_articles_by_slug_path_or_title()
    {
        await _site.PublishAsync("a.md", Samples.FrontMatterArticle("First of three", extra: "slug: first"));
        await _site.PublishAsync("folder/b.md", Samples.FrontMatterArticle("Second of three", extra: "slug: second"));
        await _site.PublishAsync("c.md", Samples.FrontMatterArticle("Third of three", extra: "slug: third"));

        await _site.PublishAsync("hub.md", Samples.FrontMatterArticle("The hub", extra: "slug: hub\nrelated: [first, folder/b.md, Third of three]"));

        var (_, api) = await _site.GetArticleJsonAsync("hub");
        Assert.Equal(["first", "second", "third"], ReadAlso(api).Select(link => link.GetProperty("slug").GetString()));
        Assert.Contains("<li><a href=\"/articles/second\">Second of three</a></li>", await PageAsync("hub"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_that_moves_to_a_new_slug_is_followed_by_the_pages_citing_it()
    {
        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Moving target", extra: "slug: old-target"));
        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing", body: "See [it](/articles/old-target) and [this](#)."));

        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Moving target", extra: "slug: new-target"));

        Assert.Contains("See <a href=\"/articles/new-target\">it</a>", await PageAsync("citing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_made_a_draft_becomes_text_again()
    {
        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Soon a draft", extra: "slug: soon-draft"));
        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing", body: "See [it](soon-draft)."));
        Assert.Contains("<a href=\"/articles/soon-draft\">it</a>", await PageAsync("citing"), StringComparison.Ordinal);

        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Soon a draft", extra: "slug: soon-draft\ndraft: true"));

        Assert.Contains("<p>See it.</p>", await PageAsync("citing"), StringComparison.Ordinal);
        Assert.Equal(404, (await _site.GetPageAsync("soon-draft")).StatusCode);
    }

    [Fact]
    public async Task Citing_article_that_drops_its_link_leaves_the_targets_cited_in()
    {
        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Target", extra: "slug: target"));
        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing", body: "See [it](target)."));
        Assert.Contains("href=\"/articles/citing\"", await PageAsync("target"), StringComparison.Ordinal);

        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing", body: "No link any more."));

        Assert.DoesNotContain("<aside class=\"cited-in\"", await PageAsync("target"), StringComparison.Ordinal);
        var (_, api) = await _site.GetArticleJsonAsync("target");
        Assert.Empty(api.GetProperty("backlinks").EnumerateArray());
    }
}

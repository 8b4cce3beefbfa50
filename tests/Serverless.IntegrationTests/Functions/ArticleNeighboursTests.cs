using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Previous and next articles on an article page: those published just before and just after it in its first tag,
/// as plain links labelled in the article's language; the pages either side follow when an article enters or leaves
/// the tag.
/// </summary>
public sealed class ArticleNeighboursTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Renders that follow another article are sent without delay, so that draining the queue waits for none; pages are read as stored.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "0", ["Site:ServerCacheSeconds"] = "0" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task PublishAsync(string slug, string date, string tags, string language = "en") =>
        await _site.PublishAsync(slug + ".md", Samples.Article($"Story {slug}", date, tags, extra: $"slug: {slug}").Replace("lang: en", "lang: " + language, StringComparison.Ordinal));

    /// <summary>Articles tagged Budget only, published a day apart from 1 November 2024, in the order given.</summary>
    private async Task PublishInBudgetAsync(params string[] slugs)
    {
        for (var day = 0; day < slugs.Length; day++)
        {
            await PublishAsync(slugs[day], $"2024-11-{day + 1:00}T08:00:00Z", "[Budget]");
        }
    }

    private async Task<string> PageAsync(string slug) => (await _site.GetPageAsync(slug)).Body;

    private static string Previous(string slug) => $"<li class=\"previous\"><a href=\"/articles/{slug}\"><span>Previous article</span> Story {slug}</a></li>";

    private static string Next(string slug) => $"<li class=\"next\"><a href=\"/articles/{slug}\"><span>Next article</span> Story {slug}</a></li>";

    [Fact]
    public async Task Article_links_the_articles_before_and_after_it_in_its_first_tag()
    {
        await PublishAsync("first", "2024-11-01T08:00:00Z", "[Budget]");
        await PublishAsync("third", "2024-11-03T08:00:00Z", "[Budget]");
        await PublishAsync("elsewhere", "2024-11-02T12:00:00Z", "[Sport, Budget]");
        await PublishAsync("second", "2024-11-02T08:00:00Z", "[Budget, Tax]");

        var page = await PageAsync("second");

        Assert.Contains("<nav class=\"adjacent\" aria-label=\"More in Budget\"><ul>" + Previous("first") + Next("elsewhere") + "</ul></nav>", page, StringComparison.Ordinal);
        var check = await PageCheck.RunAsync(page);
        Assert.True(check.Valid, string.Join("\n", check.Messages));
    }

    [Fact]
    public async Task Newest_article_of_its_tag_links_only_the_previous_one_and_an_article_without_tags_none()
    {
        await PublishInBudgetAsync("first", "second");
        await PublishAsync("untagged", "2024-11-03T08:00:00Z", "[]");

        var newest = await PageAsync("second");

        Assert.Contains("<ul>" + Previous("first") + "</ul>", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"next\"", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"adjacent\"", await PageAsync("untagged"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_newer_article_in_the_tag_gives_the_former_newest_its_next_link()
    {
        await PublishInBudgetAsync("first");
        Assert.DoesNotContain("class=\"adjacent\"", await PageAsync("first"), StringComparison.Ordinal);

        await PublishAsync("second", "2024-11-02T08:00:00Z", "[Budget]");

        Assert.Contains("<ul>" + Next("second") + "</ul>", await PageAsync("first"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_published_at_once_in_a_tag_link_each_other_whichever_renders_first()
    {
        foreach (var (slug, day) in new[] { ("first", 1), ("second", 2) })
        {
            await _site.TriggerIngestAsync(await _site.UploadAsync(slug + ".md",
                Samples.Article($"Story {slug}", $"2024-11-0{day}T08:00:00Z", "[Budget]", extra: $"slug: {slug}")));
        }

        await _site.DrainRenderQueueAsync(concurrency: 2);

        Assert.Contains("<ul>" + Next("second") + "</ul>", await PageAsync("first"), StringComparison.Ordinal);
        Assert.Contains("<ul>" + Previous("first") + "</ul>", await PageAsync("second"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_leaving_the_tag_joins_its_two_neighbours()
    {
        await PublishInBudgetAsync("first", "second", "third");

        var blob = _site.Articles.GetBlobClient("second.md");
        await blob.DeleteAsync(cancellationToken: Cancellation);
        await _site.TriggerIngestAsync(blob);
        await _site.DrainRenderQueueAsync();

        Assert.Contains("<ul>" + Next("third") + "</ul>", await PageAsync("first"), StringComparison.Ordinal);
        Assert.Contains("<ul>" + Previous("first") + "</ul>", await PageAsync("third"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_whose_first_tag_changes_leaves_its_old_neighbours_and_joins_new_ones()
    {
        await PublishInBudgetAsync("first", "second");
        await PublishAsync("sport", "2024-11-01T12:00:00Z", "[Sport]");

        await PublishAsync("second", "2024-11-02T08:00:00Z", "[Sport]");

        Assert.DoesNotContain("class=\"adjacent\"", await PageAsync("first"), StringComparison.Ordinal);
        Assert.Contains("<ul>" + Next("second") + "</ul>", await PageAsync("sport"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renamed_article_is_shown_by_its_new_title_on_its_neighbours_pages()
    {
        await PublishInBudgetAsync("first", "second");

        await _site.PublishAsync("second.md", Samples.Article("Story renamed", "2024-11-02T08:00:00Z", "[Budget]", extra: "slug: second"));

        Assert.Contains("<li class=\"next\"><a href=\"/articles/second\"><span>Next article</span> Story renamed</a></li>", await PageAsync("first"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_labelled_in_the_article_language()
    {
        await PublishAsync("premier", "2024-11-01T08:00:00Z", "[Budget]", "fr");
        await PublishAsync("second", "2024-11-02T08:00:00Z", "[Budget]", "fr");

        Assert.Contains("<nav class=\"adjacent\" aria-label=\"Autres articles « Budget »\"><ul><li class=\"previous\"><a href=\"/articles/premier\"><span>Article précédent</span>",
            await PageAsync("second"), StringComparison.Ordinal);
    }
}

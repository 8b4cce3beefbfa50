using Serverless.Core.Admin;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>Blobs wanting the same slug: each gets its own (slug-2, slug-3…), none overwrites another, and each keeps it.</summary>
public sealed class SlugCollisionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SecondBody = "Different body text for the second one, with its own facts.";
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Second_blob_with_the_same_title_gets_its_own_numbered_slug_and_a_warning()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));

        var second = await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        Assert.Equal((PublishStatus.Published, "same-title-2"), (second.Status, second.Slug));
        Assert.Contains("The slug 'same-title' is already used by 'first.md', so this article is published at 'same-title-2'. Give it another title, or a 'slug' in its front matter, to choose its URL.", second.Warnings!);
        Assert.Contains("A first paragraph with enough words", (await _site.GetPageAsync("same-title")).Body);
        Assert.Contains(SecondBody, (await _site.GetPageAsync("same-title-2")).Body);
    }

    [Fact]
    public async Task Third_blob_with_the_same_title_gets_the_next_number()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        var third = await _site.PublishAsync("third.md", Samples.FrontMatterArticle("Same title", body: "A third text."));

        Assert.Equal("same-title-3", third.Slug);
        Assert.Contains("The slug 'same-title' is already used by 'first.md', so this article is published at 'same-title-3'. Give it another title, or a 'slug' in its front matter, to choose its URL.", third.Warnings!);
        Assert.Contains(SecondBody, (await _site.GetPageAsync("same-title-2")).Body);
    }

    [Fact]
    public async Task Explicit_front_matter_slug_that_is_taken_is_numbered_with_a_warning()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("First", extra: "slug: budget"));

        var second = await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Second", body: SecondBody, extra: "slug: budget"));

        Assert.Equal((PublishStatus.Published, "budget-2"), (second.Status, second.Slug));
        Assert.Contains("The slug 'budget' is already used by 'first.md', so this article is published at 'budget-2'. Give it another title, or a 'slug' in its front matter, to choose its URL.", second.Warnings!);
        Assert.Contains("<h1>First</h1>", (await _site.GetPageAsync("budget")).Body);
    }

    [Fact]
    public async Task Reuploaded_blob_keeps_its_numbered_slug()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        var again = await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: "The second one, corrected."));
        var firstAgain = await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title", body: "The first one, corrected."));

        Assert.Equal(("same-title-2", "same-title"), (again.Slug, firstAgain.Slug));
        Assert.Contains("The second one, corrected.", (await _site.GetPageAsync("same-title-2")).Body);
        Assert.Contains("The first one, corrected.", (await _site.GetPageAsync("same-title")).Body);
    }

    [Fact]
    public async Task Numbered_slug_is_kept_after_the_first_blob_is_deleted()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));
        await _site.Articles.DeleteBlobAsync("first.md", cancellationToken: Cancellation);
        await _site.Get<ArticleIngester>().RemoveAsync("first.md", Cancellation);
        await _site.DrainRenderQueueAsync();

        var again = await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: "The second one, corrected."));

        Assert.Equal("same-title-2", again.Slug);
        Assert.DoesNotContain(again.Warnings!, warning => warning.Contains("already used", StringComparison.Ordinal));
        Assert.Equal(200, (await _site.GetPageAsync("same-title-2")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_first_deliveries_of_two_blobs_with_the_same_title_end_with_two_slugs()
    {
        var first = await _site.UploadAsync("first.md", Samples.FrontMatterArticle("Same title"));
        var second = await _site.UploadAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        var results = await Task.WhenAll(_site.TriggerIngestAsync(first), _site.TriggerIngestAsync(second));
        await _site.DrainRenderQueueAsync();

        Assert.All(results, result => Assert.Equal(PublishStatus.Published, result.Status));
        Assert.Equal(["same-title", "same-title-2"], results.Select(result => result.Slug).Order(StringComparer.Ordinal));
        var pages = new[] { (await _site.GetPageAsync("same-title")).Body, (await _site.GetPageAsync("same-title-2")).Body };
        Assert.Single(pages, page => page.Contains("A first paragraph with enough words", StringComparison.Ordinal));
        Assert.Single(pages, page => page.Contains(SecondBody, StringComparison.Ordinal));
        var statuses = await Task.WhenAll(_site.Get<PublicationStatusReader>().ForBlobAsync("first.md", Cancellation), _site.Get<PublicationStatusReader>().ForBlobAsync("second.md", Cancellation));
        Assert.Equal(results.Select(result => result.Slug), statuses.Select(status => status!.Slug));
        // The loser of the race wrote its body under the slug it lost: removed, so only the two served bodies remain.
        var bodies = new List<string>();
        await foreach (var body in _site.Get<StorageClients>().Bodies.GetBlobsAsync(cancellationToken: Cancellation))
        {
            bodies.Add(body.Name.Split('/')[0]);
        }
        Assert.Equal(["same-title", "same-title-2"], bodies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Title_change_of_a_published_article_keeps_its_url_and_says_why()
    {
        await _site.PublishAsync("renamed.md", Samples.FrontMatterArticle("Old headline"));

        var result = await _site.PublishAsync("renamed.md", Samples.FrontMatterArticle("New headline"));

        Assert.Equal("old-headline", result.Slug);
        var (status, api) = await _site.GetArticleJsonAsync("old-headline");
        Assert.Equal((200, "New headline", "published"), (status, api.GetProperty("title").GetString(), api.GetProperty("slugSource").GetString()));
        Assert.Equal(404, (await _site.GetPageAsync("new-headline")).StatusCode);
        var publication = await _site.Get<PublicationStatusReader>().ForBlobAsync("renamed.md", Cancellation);
        Assert.Equal(SlugSource.Published, publication!.SlugSource);
        Assert.Contains(publication.Warnings, warning => warning.Contains("set 'slug: new-headline' in the front matter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slug_set_in_front_matter_moves_a_published_article_and_its_old_url_answers_301()
    {
        await _site.PublishAsync("renamed.md", Samples.FrontMatterArticle("Old headline"));

        await _site.PublishAsync("renamed.md", Samples.FrontMatterArticle("New headline", extra: "slug: new-headline"));

        var pageContext = _site.NewHttpContext("/articles/old-headline");
        var page = await HttpResponseSnapshot.ExecuteAsync(
            await new PageFunctions(_site.Get<PageHandlers>()).GetArticlePage(pageContext.Request, "old-headline", Cancellation), pageContext);
        var apiContext = _site.NewHttpContext("/api/articles/old-headline");
        var api = await HttpResponseSnapshot.ExecuteAsync(
            await new ApiFunctions(_site.Get<ApiHandlers>()).GetArticle(apiContext.Request, "old-headline", Cancellation), apiContext);
        Assert.Equal((301, "/articles/new-headline"), (page.StatusCode, page.Headers.Location.ToString()));
        Assert.Equal((301, "/api/articles/new-headline"), (api.StatusCode, api.Headers.Location.ToString()));
        var (status, moved) = await _site.GetArticleJsonAsync("new-headline");
        Assert.Equal((200, "frontMatter"), (status, moved.GetProperty("slugSource").GetString()));
    }

    [Fact]
    public async Task Draft_whose_title_changes_before_publication_takes_the_url_of_its_new_title()
    {
        await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Working title", extra: "draft: true"));

        var result = await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Final headline"));

        Assert.Equal("final-headline", result.Slug);
        Assert.Equal("title", (await _site.GetArticleJsonAsync("final-headline")).Json.GetProperty("slugSource").GetString());
    }

    [Fact]
    public async Task Retitled_article_shows_its_new_title_on_every_page_citing_it_by_url()
    {
        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Old headline"));
        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "related: [old-headline]"));
        Assert.Equal("Old headline", (await _site.GetArticleJsonAsync("citing")).Json.GetProperty("links")[0].GetProperty("title").GetString());

        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("New headline"));

        var citing = (await _site.GetPageAsync("citing")).Body;
        Assert.Contains(">New headline</a>", citing, StringComparison.Ordinal);
        Assert.DoesNotContain("Old headline", citing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbered_article_whose_title_changes_keeps_its_numbered_url()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        var retitled = await _site.PublishAsync("second.md", Samples.FrontMatterArticle("A title of its own", body: SecondBody));

        Assert.Equal("same-title-2", retitled.Slug);
        Assert.Contains(SecondBody, (await _site.GetPageAsync("same-title-2")).Body, StringComparison.Ordinal);
        Assert.Contains("A first paragraph with enough words", (await _site.GetPageAsync("same-title")).Body);
    }

    [Fact]
    public async Task Link_by_a_shared_title_resolves_to_neither_article_and_says_so()
    {
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Same title"));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Same title", body: SecondBody));

        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", body: "See [Same title](#)."));

        var status = await _site.Get<PublicationStatusReader>().ForBlobAsync("citing.md", Cancellation);
        Assert.Contains(status!.Warnings, warning => warning.Contains("Several articles have the title 'Same title' (same-title, same-title-2)", StringComparison.Ordinal));
        Assert.Contains("<p>See Same title.</p>", (await _site.GetPageAsync("citing")).Body);
    }
}

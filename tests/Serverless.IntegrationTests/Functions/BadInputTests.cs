using System.Text;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Parsing;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Whatever an author uploads ends with a status that says what happened (published, or failed with what to change),
/// reachable by the blob's name, and the articles published before are served byte for byte as they were.
/// </summary>
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AnchorSlug = "anchor";
    private static readonly string TooDeep = $"The article's Markdown nests more than {ArticleParser.MaxNestingDepth} levels deep (quotes '>', lists, or brackets '[' and emphasis '*' left open): flatten the quotes and lists, and write a bracket or star meant as text as \\[ or \\*.";
    private readonly TestSite _site = new(azurite);
    private string _anchorPage = string.Empty;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Shares no tag and no word with the other articles: none of them is related to it, so its page has no reason to change.
        await _site.PublishAsync("anchor.md", Samples.Article("Anchor", "2024-01-05", tags: "[zoology]", extra: "slug: anchor",
            body: "Quokkas wander through eucalyptus groves near Rottnest lighthouse."));
        _anchorPage = (await _site.GetPageAsync(AnchorSlug)).Body;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>Uploads <paramref name="content"/> as <paramref name="blobName"/>, runs both stages, and returns the blob's status.</summary>
    private async Task<PublicationStatus> PublishAsync(string blobName, string content) => await PublishBytesAsync(blobName, Encoding.UTF8.GetBytes(content));

    private async Task<PublicationStatus> PublishBytesAsync(string blobName, byte[] content)
    {
        await _site.PublishBytesAsync(blobName, content);
        var status = await _site.Get<PublicationStatusReader>().ForBlobAsync(blobName, Cancellation);
        Assert.NotNull(status);
        // Whatever happened, the article published before is still served, unchanged.
        Assert.Equal(_anchorPage, (await _site.GetPageAsync(AnchorSlug)).Body);
        return status;
    }

    private static string FrontMatter(string yaml) => $"---\n{yaml}\n---\nA body with a few words in it.\n";

    public static TheoryData<string, string, string> Refused => new()
    {
        { "empty.md", "", "The article has no title: add 'title' to the front matter, start with a '# ' heading, or put the headline on the first line." },
        { "blank.md", " \n\t\n   \n", "The article has no title: add 'title' to the front matter, start with a '# ' heading, or put the headline on the first line." },
        { "malformed.md", FrontMatter("title: [unclosed\ndate: 2024-12-20"), "The front matter is not valid YAML (line " },
        { "laughs.md", FrontMatter("a: &a [lol, lol]\nb: &b [*a, *a]\nc: &c [*b, *b]\ntitle: Laughs"), "Front matter uses the YAML alias '*a' (line 3, column " },
        { "yesterday.md", FrontMatter("title: Dated\ndate: yesterday"), "Front matter 'date' is not a date: 'yesterday'. Use ISO 8601, e.g. 2024-12-20 or 2024-12-20T09:30:00+01:00." },
        { "tags.md", FrontMatter("title: Tagged\ntags: 5"), "Front matter 'tags' must be a list of tags such as [politics, budget], not '5'." },
        { "list-title.md", FrontMatter("title: [a, b]"), "Front matter 'title' must be text, not a list or a mapping." },
        { "maybe.md", FrontMatter("title: Maybe\ndraft: maybe"), "Front matter 'draft' must be true or false, not 'maybe'." },
        { "long-title.md", FrontMatter("title: " + new string('a', 10_000)), "Front matter 'title' is 10000 characters long (at most 250): shorten it." },
        { "long-headline.txt", new string('a', 10_000) + "\n\nThe body.", "The title is 10000 characters long (at most 250): the first line looks like a paragraph, not a headline." },
        { "brackets.md", "# Brackets\n\n" + new string('[', 100_000), TooDeep },
        { "emphasis.md", "# Emphasis\n\n" + string.Concat(Enumerable.Repeat("*a ", 50_000)), TooDeep },
        { "quotes.md", "# Quotes\n\n" + new string('>', 10_000) + " deepest", TooDeep },
        { "lists.md", "# Lists\n\n" + string.Concat(Enumerable.Repeat("- ", 5_000)) + "deepest", TooDeep },
        { "headline-lists.txt", string.Concat(Enumerable.Repeat("- ", 5_000)) + "deepest\n\nThe body.", TooDeep },
        { "headline-quotes.txt", "Quotes\n\n" + new string('>', 10_000) + " deepest", TooDeep },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Bad_upload_fails_with_what_to_change_and_the_site_keeps_serving(string blobName, string content, string message)
    {
        var status = await PublishAsync(blobName, content);

        Assert.Equal(PublicationState.Failed, status.State);
        Assert.StartsWith(message, status.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Published => new()
    {
        { "controls.md", "# Bell\u0007 and\u001B escape / back\\slash # hash ? query % 100\n\nThe body.", "bell-and-escape-back-slash-hash-query-100" },
        { "front-matter-controls.md", FrontMatter("title: \"Tab\\tand bell\\a / \\\\ # ? %\""), "tab-and-bell" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public async Task Unusual_but_valid_upload_is_published(string blobName, string content, string slug)
    {
        var status = await PublishAsync(blobName, content);

        Assert.Equal((PublicationState.Published, slug), (status.State, status.Slug));
        Assert.Equal(200, (await _site.GetPageAsync(slug)).StatusCode);
    }

    public static TheoryData<string> UnusualBlobNames => new()
    {
        "news/100% sure #1? yes\\no.md",
        "contrôle\u0007\u001Fcaractères.md",
        string.Concat(Enumerable.Repeat("dossier/", 126)) + "long-name.md",
        new string('é', 1_021) + ".md",
    };

    [Theory]
    [MemberData(nameof(UnusualBlobNames))]
    public async Task Blob_with_an_unusual_name_is_published_and_its_status_found_by_name(string blobName)
    {
        var status = await PublishAsync(blobName, "# Unusual name\n\nThe body of an article with an unusual file name.");

        Assert.Equal((PublicationState.Published, "unusual-name", blobName), (status.State, status.Slug, status.BlobName));
        Assert.Contains(await AdminListings.AllAsync(_site.Get<PublicationStatusReader>().ListAsync), listed => listed.BlobName == blobName);
    }

    [Fact]
    public async Task Article_over_the_size_limit_fails_as_too_large_and_is_not_read()
    {
        var content = Encoding.UTF8.GetBytes("# Too large\n\n" + new string('a', 2 * 1024 * 1024));

        var status = await PublishBytesAsync("huge.md", content);

        Assert.Equal(PublicationState.Failed, status.State);
        Assert.Equal($"The file is too large: {content.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, where articles are limited to 2,097,152 bytes (2 MiB, setting Site:MaxArticleBytes). Split it, or move images and attachments out of the text.", status.Message);
        Assert.Equal(0, _site.ResponseBytes.BytesRead("huge.md"));
    }

    [Fact]
    public async Task Size_limit_is_a_setting()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Site:MaxArticleBytes"] = "4096" });
        var body = "# Limited\n\n" + new string('a', 4096 - "# Limited\n\n".Length);

        var atLimit = await site.PublishAsync("at-limit.md", body);
        var over = await site.PublishAsync("over.md", body + "a");

        Assert.Equal(PublishStatus.Published, atLimit.Status);
        Assert.Equal((PublishStatus.Failed, "The file is too large: 4,097 bytes, where articles are limited to 4,096 bytes (4 KiB, setting Site:MaxArticleBytes). Split it, or move images and attachments out of the text."),
            (over.Status, over.Message));
        Assert.Equal(4096, site.ResponseBytes.BytesRead("at-limit.md"));
        Assert.Equal(0, site.ResponseBytes.BytesRead("over.md"));
    }

    [Fact]
    public async Task Bad_update_keeps_the_previous_page_served_and_the_status_shows_the_latest_failure()
    {
        await PublishAsync("story.md", Samples.FrontMatterArticle("Story", body: "The story as first told.", extra: "slug: story"));
        var served = (await _site.GetPageAsync("story")).Body;

        var first = await PublishAsync("story.md", FrontMatter("title: [unclosed"));
        var second = await PublishAsync("story.md", "---\ntitle: Story\nslug: story\n---\n" + new string('>', 10_000) + " deepest");

        Assert.Equal((PublicationState.Failed, true), (first.State, first.PreviousVersionServed));
        Assert.Equal((PublicationState.Failed, TooDeep, true), (second.State, second.Message, second.PreviousVersionServed));
        Assert.Equal(served, (await _site.GetPageAsync("story")).Body);
    }
}

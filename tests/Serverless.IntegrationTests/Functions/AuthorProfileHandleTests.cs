using Serverless.Core.Admin;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The fediverse:creator handle of an article whose front matter names none comes from its first author's profile
/// file; uploading, changing or deleting the profile renders the author's page and those articles again.
/// </summary>
public sealed class AuthorProfileHandleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static string Creator(string handle) => $"<meta name=\"fediverse:creator\" content=\"{handle}\">";

    private async Task UploadProfileAsync(string authorSlug, string yaml) =>
        await _site.Get<StorageClients>().Site.GetBlobClient(AuthorProfile.FileOf(authorSlug)).UploadAsync(BinaryData.FromString(yaml), overwrite: true, Cancellation);

    private async Task PublishAsync(string slug, string extra) =>
        await _site.PublishAsync(slug + ".md", Samples.Article($"Story {slug}", "2024-11-01T08:00:00Z", extra: $"slug: {slug}\n{extra}"));

    private async Task ReconcileAsync()
    {
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();
    }

    [Fact]
    public async Task Article_takes_its_first_authors_profile_handle_and_the_front_matter_wins()
    {
        await UploadProfileAsync("zoe-dupont", "fediverse: \"@zoe@mastodon.social\"\n");
        await UploadProfileAsync("max-mustermann", "fediverse: \"@max@chaos.social\"\n");
        await PublishAsync("from-profile", "authors: [Zoé Dupont, Max Mustermann]");
        await PublishAsync("second-author", "authors: [Max Mustermann, Zoé Dupont]");
        await PublishAsync("from-front-matter", "authors: [Zoé Dupont]\nauthor_fediverse: \"@desk@news.example\"");

        Assert.Contains(Creator("@zoe@mastodon.social"), (await _site.GetPageAsync("from-profile")).Body, StringComparison.Ordinal);
        Assert.Contains(Creator("@max@chaos.social"), (await _site.GetPageAsync("second-author")).Body, StringComparison.Ordinal);
        var own = (await _site.GetPageAsync("from-front-matter")).Body;
        Assert.Contains(Creator("@desk@news.example"), own, StringComparison.Ordinal);
        Assert.DoesNotContain("@zoe@mastodon.social", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploading_changing_and_deleting_a_profile_renders_the_authors_page_and_articles_again()
    {
        await PublishAsync("story", "authors: [Zoé Dupont]");
        await PublishAsync("other", "authors: [Max Mustermann, Zoé Dupont]");
        await ReconcileAsync();
        Assert.DoesNotContain("fediverse:creator", (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);

        await UploadProfileAsync("zoe-dupont", "bio: Covers budgets.\nfediverse: \"@zoe@mastodon.social\"\n");
        await ReconcileAsync();
        Assert.Contains(Creator("@zoe@mastodon.social"), (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("fediverse:creator", (await _site.GetPageAsync("other")).Body, StringComparison.Ordinal);
        Assert.Contains("Covers budgets.", (await _site.GetSiteFileAsync("/authors/zoe-dupont")).Body, StringComparison.Ordinal);

        await UploadProfileAsync("zoe-dupont", "fediverse: \"@zoe@example.social\"\n");
        await ReconcileAsync();
        Assert.Contains(Creator("@zoe@example.social"), (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Covers budgets.", (await _site.GetSiteFileAsync("/authors/zoe-dupont")).Body, StringComparison.Ordinal);

        await _site.Get<StorageClients>().Site.GetBlobClient(AuthorProfile.FileOf("zoe-dupont")).DeleteAsync(cancellationToken: Cancellation);
        await ReconcileAsync();
        Assert.DoesNotContain("fediverse:creator", (await _site.GetPageAsync("story")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_with_no_profile_changed_asks_for_nothing()
    {
        await UploadProfileAsync("zoe-dupont", "fediverse: \"@zoe@mastodon.social\"\n");
        await PublishAsync("story", "authors: [Zoé Dupont]");
        var watcher = _site.Get<AuthorProfileWatcher>();
        Assert.Equal(1, await watcher.CheckAsync(Cancellation));

        _site.Requests.Reset();
        Assert.Equal(0, await watcher.CheckAsync(Cancellation));
        Assert.Equal(2, _site.Requests.Total);
    }
}

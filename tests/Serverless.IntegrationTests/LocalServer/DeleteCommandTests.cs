using System.Globalization;
using System.Net;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// <c>delete</c> against a server that keeps pages in memory for a few seconds (<c>Site:ServerCacheSeconds</c>): what
/// it prints is what readers get when it returns.
/// </summary>
public sealed class DeleteCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int ServerCacheSeconds = 4;
    private CommandLineSite _site = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _site = await CommandLineSite.StartAsync(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = ServerCacheSeconds.ToString(CultureInfo.InvariantCulture) });

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Delete_returns_once_the_page_answers_410_though_the_server_held_it_in_memory()
    {
        _site.Write("cached.md", Samples.FrontMatterArticle("Cached then gone", extra: "slug: cached-then-gone"));
        Assert.Equal(0, (await _site.Cli.RunAsync("upload", "cached.md")).ExitCode);
        using (var cached = await _site.Server.Http.GetAsync("/articles/cached-then-gone", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode); // now held in the server's memory for a few seconds
        }

        var run = await _site.Cli.RunAsync("delete", "cached.md");
        using var page = await _site.Server.Http.GetAsync("/articles/cached-then-gone", Cancellation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"articles/cached.md: deleted; {_site.Url}/articles/cached-then-gone now answers 410 Gone", run.Output);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
    }
}
